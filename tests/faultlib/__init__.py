"""Helpers that inject real faults: damaged files, small disks, read-only mounts, kill -9."""
