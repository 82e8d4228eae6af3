"""The collector settings of a batch run are the run's alone: the caller gets its own back."""

from __future__ import annotations

import gc

from extractor.run import collector


def test_a_run_collects_less_often_and_leaves_the_callers_settings_as_they_were():
    before = gc.get_threshold()
    with collector.batch_collector():
        assert gc.get_threshold()[0] >= collector.YOUNG_THRESHOLD
        assert gc.get_threshold()[1:] == before[1:]
        collector.freeze_loaded()
        assert gc.get_freeze_count() > 0  # what is loaded is out of the collector's walks
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0  # and collected again, once the run is over


def test_settings_are_restored_when_the_run_fails():
    before = gc.get_threshold()
    try:
        with collector.batch_collector():
            collector.freeze_loaded()
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        pass
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
