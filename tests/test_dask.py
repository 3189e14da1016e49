"""Tests for batches on a Dask cluster: quotex.dask and ``quotex extract --dask``.

One small cluster of two worker processes serves the whole module: starting
one, and loading the model in each worker, is most of these tests' time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import cloudpickle
import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster
from typer.testing import CliRunner

import quotex
from quotex import cluster
from quotex.cli import app
from quotex.inputs import Document
from quotex.pool import WORKER_DIED
from quotex.quote import FIELDS
from quotex.runner import Batch, EngineSettings

# The extractors below run in the cluster's worker processes, which can't
# import this test module: send them by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])

ARTICLES = [
    (
        f"Council {n} meets\n\n"
        f'"We will open line {n} in spring," Mayor Ada Lind said on Monday.\n\n'
        'The so-called "green plan" was voted after a long debate.\n\n'
        '"It is too expensive," said Tom Berg, who leads the opposition.\n'
    )
    for n in range(6)
]


@pytest.fixture(scope="module")
def scheduler():
    """A two-process cluster that reports a worker's death at once."""
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as local,
    ):
        yield local.scheduler_address


@pytest.fixture
def client(scheduler):
    with Client(scheduler, set_as_default=False) as connected:
        yield connected


def test_cli_on_a_cluster_gives_the_records_of_one_process(scheduler, tmp_path):
    """--dask ADDRESS: the same records as --jobs 1, in the same order."""
    for n, text in enumerate(ARTICLES):
        (tmp_path / f"{n}.txt").write_text(text, encoding="utf-8")

    def records(*options: str) -> list[dict]:
        found = subprocess.run(
            [sys.executable, "-m", "quotex", "extract", str(tmp_path), *options],
            capture_output=True,
            text=True,
            check=True,
        )
        return [json.loads(line) for line in found.stdout.splitlines()]

    on_cluster = records("--dask", scheduler, "-f", "jsonl")
    here = records("--jobs", "1", "-f", "jsonl")

    assert len(here) >= 2 * len(ARTICLES)

    def by_place(record: dict) -> tuple:
        return (record["file"], record["start"])

    assert sorted(here, key=by_place) == sorted(on_cluster, key=by_place)
    assert here == on_cluster  # and in input order, as with --jobs


def test_dask_local_reports_a_failure_by_name_and_goes_on(tmp_path):
    """--dask local starts its own cluster; a bad input is one line, exit 1."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLES[0], encoding="utf-8")
    missing = tmp_path / "missing.txt"

    inputs = [str(missing), str(article)]
    options = ["--dask", "local", "--jobs", "2", "-f", "jsonl"]
    found = subprocess.run(
        [sys.executable, "-m", "quotex", "extract", *inputs, *options],
        capture_output=True,
        text=True,
    )

    assert found.returncode == 1, found.stderr
    assert f"{missing}: no such file or directory" in found.stderr.splitlines()
    files = {json.loads(line)["file"] for line in found.stdout.splitlines()}
    assert {str(article)} == files


def test_a_frame_of_texts_becomes_a_frame_of_typed_records(client):
    """extract_frame: the records of quotex.extract, with the Parquet types."""
    from quotex.dask import extract_frame

    texts = pd.DataFrame({"url": [f"u{n}" for n in range(4)], "text": ARTICLES[:4]})
    frame = dd.from_pandas(texts, npartitions=2)

    quotes = client.compute(extract_frame(frame, id_column="url")).result()

    expected = [
        quote.to_record(f"u{n}")
        for n, text in enumerate(ARTICLES[:4])
        for quote in quotex.extract(text)
    ]
    assert expected == quotes.astype(object).where(quotes.notna(), None).to_dict(
        "records"
    )
    assert list(FIELDS) == list(quotes.columns)
    assert {"int64[pyarrow]", "double[pyarrow]", "string[pyarrow]"} == {
        str(dtype) for dtype in quotes.dtypes
    }
    assert "term" not in set(quotes["type"])


def test_a_bag_of_texts_keeps_terms_when_asked(client):
    """all_quoted=True keeps the scare quotes; bag items are named PART:N."""
    from quotex.dask import extract_frame

    bag = db.from_sequence(ARTICLES[:2], npartitions=1)

    quotes = client.compute(extract_frame(bag, all_quoted=True)).result()

    assert "term" in set(quotes["type"])
    assert {"0:1", "0:2"} == set(quotes["file"])


def test_extract_frame_refuses_other_inputs():
    from quotex.dask import extract_frame

    with pytest.raises(TypeError, match="Dask DataFrame or Bag"):
        extract_frame(ARTICLES)


def fragile_extractor(settings):
    """Kill the worker on CRASH, fail on FAIL, else find no quote."""

    def extract(text):
        if "CRASH" in text:
            os._exit(1)
        if "FAIL" in text:
            raise ValueError("bad text")
        return []

    return extract


def test_a_dead_worker_costs_only_its_document_and_a_failure_is_named(scheduler):
    """Deaths retry each document once, alone; the batch goes on, in order."""
    texts = ["fine"] * 3 + ["CRASH"] + ["fine"] * 3 + ["FAIL"] + ["fine"] * 4
    items = [Document(f"d{n}", text) for n, text in enumerate(texts)]
    pool = cluster.DaskPool(
        scheduler, fragile_extractor, EngineSettings(), docs_per_task=4
    )

    with Batch(items, jobs=pool.size, pool=pool, window=2 * pool.capacity) as batch:
        results = list(batch)

    assert [f"d{n}" for n in range(len(texts))] == [r.name for r in results]
    failures = {r.name: r.error for r in results if r.failed}
    assert failures == {
        "d3": WORKER_DIED,
        "d7": "internal error: ValueError: bad text",
    }


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cluster, "dask_available", lambda: False)
    (tmp_path / "a.txt").write_text(ARTICLES[0], encoding="utf-8")

    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--dask", "local"])

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --dask needs Dask; install it with: pip install 'quotex[dask]'"
    ]
