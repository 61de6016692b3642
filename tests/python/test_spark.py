"""okrkit.spark on a local Spark session equals the single-process result."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (applyInPandas needs it)")
if shutil.which("java") is None:
    pytest.skip("no java on PATH (Spark needs a JVM)", allow_module_level=True)

import okrkit  # noqa: E402
import okrkit.spark  # noqa: E402
from okrkit import bulk  # noqa: E402


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_score_groups_on_local_spark(examples: Path) -> None:
    import os
    import sys

    from pyspark.sql import SparkSession

    # Spark's Python workers must run this interpreter (numpy, pandas, okrkit).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable

    model = okrkit.load_model(str(examples / "acme.json"))
    long = okrkit.measurements_to_frame(
        okrkit.load_measurements(str(examples / "acme-measurements.csv"))
    )
    long["series"] = long["series"].astype(str)
    long = long[["series", "date", "value"]]
    frames = [long.assign(store=f"s{i:02d}", value=long["value"] * (1 + i / 20)) for i in range(6)]
    pdf = pd.concat(frames, ignore_index=True)
    want = bulk.score_groups(model, pdf, "2025-05-31", by="store", progress=False)
    want = okrkit.spark.to_spark_types(want, "store").sort_values(["store", "id"]).reset_index(drop=True)

    spark = (
        SparkSession.builder.master("local[2]").appName("okrkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.executorEnv.PYTHONPATH", os.pathsep.join(sys.path))
        .getOrCreate()
    )
    try:
        sdf = spark.createDataFrame(pdf)
        got = okrkit.spark.score_groups(model, sdf, "2025-05-31", by="store").toPandas()
    finally:
        spark.stop()
    got = got.sort_values(["store", "id"]).reset_index(drop=True)
    assert list(got.columns) == list(want.columns)
    assert len(got) == len(want)
    for name, t in okrkit.spark.COLUMNS:
        if t == "double":
            np.testing.assert_allclose(got[name].to_numpy(float), want[name].to_numpy(float),
                                       rtol=0, atol=0, equal_nan=True, err_msg=name)
        else:
            a = [None if pd.isna(x) else x for x in got[name]]
            b = [None if pd.isna(x) else x for x in want[name]]
            assert a == b, name
