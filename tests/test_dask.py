"""--engine dask: the same pipeline on a Dask cluster writes what the local engine
writes (same rows, same ids, same bytes), plus events.parquet partitioned by year;
without Dask installed it is a one-line error with the fix."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from test_jobs import SAMPLES, _corpus  # noqa: E402

from timeline import pipeline
from timeline.errors import TimelineError
from timeline.table.parquet import read_parquet

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """A small in-process cluster (threads, no processes: quick to start)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_dask_output_equals_local_output(scheduler: str, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "articles", copies=2)
    local = pipeline.build([corpus], out_dir=tmp_path / "local", formats="csv,json,parquet",
                           nlp="rules", jobs=1, batch_articles=2, partition="year")
    on_dask = pipeline.build([corpus], out_dir=tmp_path / "dask", formats="csv,json",
                             nlp="rules", engine="dask", scheduler=scheduler, batch_articles=2)
    assert on_dask.written[-1] == tmp_path / "dask" / "events.parquet"  # added, by year
    assert (tmp_path / "dask" / "events.parquet").is_dir()
    for name in ("events.csv", "events.json"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    assert read_parquet(tmp_path / "dask" / "events.parquet").equals(local.frame)
    assert list(on_dask.frame["event_id"]) == list(local.frame["event_id"])
    assert on_dask.frame.equals(local.frame) and len(local.frame) > 7


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline.engine.dask as engine

    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1)
    with pytest.raises(TimelineError) as info:
        pipeline.build([SAMPLES / "xi-meets-putin.md"], out_dir=tmp_path / "out",
                       formats="csv", nlp="rules", engine="dask",
                       scheduler="tcp://127.0.0.1:9")  # nothing listens there
    assert str(info.value).startswith("tcp://127.0.0.1:9: cannot reach the Dask scheduler (")
    assert str(info.value).endswith("start it ('dask scheduler') or check --scheduler")
    assert not (tmp_path / "out").exists()


def test_without_dask_the_engine_says_how_to_install_it(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if missing
    with pytest.raises(TimelineError) as info:
        pipeline.build([SAMPLES / "xi-meets-putin.md"], out_dir=tmp_path / "out",
                       formats="csv", nlp="rules", engine="dask")
    assert str(info.value) == "the dask engine needs Dask; pip install 'news-timeline[dask]'"
    assert not (tmp_path / "out").exists()


def test_an_unknown_engine_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match=r"^--engine 'spark' is not one of: local, dask$"):
        pipeline.build([SAMPLES], out_dir=tmp_path / "out", engine="spark")
