"""Peak memory of a command and all its child processes, sampled while it runs.

Memory is counted as PSS (proportional set size): a page shared by n processes counts 1/n in
each. Summing RSS would count Chromium's shared binary and heap once per process of its (six or
so): 1.1 GB for a browser showing one page, whose real share of the machine is half that."""
from __future__ import annotations

import subprocess
import threading
import time

import psutil


def run_measured(command: list[str], **popen) -> tuple[float, int, subprocess.CompletedProcess]:
    """(seconds, peak proportional bytes (PSS) of the process tree, result) of running `command`."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_full_info().pss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    return seconds, peak, subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
