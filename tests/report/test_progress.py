from claimcheck.report.progress import progress_bar, wanted


def test_disabled_yields_nothing() -> None:
    with progress_bar(False) as progress:
        assert progress is None


def test_enabled_tracks_stages() -> None:
    with progress_bar(True) as progress:
        assert progress is not None
        progress("retrieve", 0, 10)
        progress("retrieve", 10, 10)
        progress("check", 5, 10)


def test_only_for_the_table_on_a_terminal() -> None:
    assert wanted("json") is False  # whatever stderr is
    assert wanted("table") is False  # pytest captures stderr: not a terminal
