"""processes: fork decisions and the collector pause."""

from __future__ import annotations


def test_collector_paused_restores_the_collector_as_it_was() -> None:
    import gc

    import pytest

    from claimcheck.processes import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is not undone
    finally:
        gc.enable()
