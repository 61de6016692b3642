"""okrkit.dask on a local Dask cluster equals the single-process result."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandas.testing as pdt
import pytest

dd = pytest.importorskip("dask.dataframe", reason="dask is not installed")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")

import okrkit  # noqa: E402
import okrkit.dask  # noqa: E402
from okrkit import bulk  # noqa: E402


def _norm(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(["store", "id"]).reset_index(drop=True)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_score_groups_on_local_cluster(examples: Path) -> None:
    model = okrkit.load_model(str(examples / "acme.json"))
    long = okrkit.measurements_to_frame(
        okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    )
    long["series"] = long["series"].astype(str)
    frames = [long.assign(store=f"s{i:02d}", value=long["value"] * (1 + i / 20)) for i in range(12)]
    pdf = pd.concat(frames, ignore_index=True)
    want = _norm(bulk.score_groups(model, pdf, "2025-05-31", by="store", progress=False))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        ddf = dd.from_pandas(pdf, npartitions=4)
        got = okrkit.dask.score_groups(model, ddf, "2025-05-31", by="store").compute()
    got = _norm(got)
    assert len(got) == len(want)
    pdt.assert_frame_equal(got, want, check_dtype=False, check_categorical=False)
