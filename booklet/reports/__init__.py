"""Reports made from the finished output files, after every format is written."""
