"""Benchmarks, run on demand (python -m bench), never as timed tests."""


def unit_for(name: str) -> str:
    """The unit a benchmark row's value is in, from its name."""
    if "bytes" in name:
        return "B "
    return "x " if "ratio" in name else "us"
