#!/usr/bin/env python3
"""Byg alle publikationer: `python build.py --help` viser kommandoerne."""
import sys

from booklet.cli import main

if __name__ == "__main__":
    sys.exit(main())
