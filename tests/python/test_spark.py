"""okrkit.spark on a local Spark session equals the single-process result."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed")
pytest.importorskip("pyarrow", reason="pyarrow is not installed (applyInPandas needs it)")


def _java_major() -> int | None:
    """Major version of the `java` on PATH (None: absent or not runnable)."""
    java = shutil.which("java")
    if java is None:
        return None
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if m is None:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major  # "1.8" is Java 8


if "libasan" in os.environ.get("LD_PRELOAD", ""):
    # ./scripts/test --sanitize preloads the ASan runtime into every child
    # process; the JVM's launcher then hangs. The Spark path calls the same
    # okrkit functions the single-process tests run under ASan.
    pytest.skip("Spark's JVM does not run with libasan preloaded", allow_module_level=True)

_JAVA = _java_major()
_NEEDS = 17 if int(pyspark.__version__.split(".")[0]) >= 4 else 8
if _JAVA is None:
    pytest.skip("no java on PATH (Spark needs a JVM)", allow_module_level=True)
if _JAVA < _NEEDS:
    pytest.skip(
        f"pyspark {pyspark.__version__} needs Java {_NEEDS}+, found Java {_JAVA}",
        allow_module_level=True,
    )

import okrkit  # noqa: E402
import okrkit.spark  # noqa: E402
from okrkit import bulk  # noqa: E402


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_score_groups_on_local_spark(examples: Path) -> None:
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
    want = (
        okrkit.spark.to_spark_types(want, "store")
        .sort_values(["store", "id"])
        .reset_index(drop=True)
    )

    # A small, quick local session: 2 cores and 2 shuffle partitions (6 groups),
    # no UI, no adaptive re-planning, and a JVM tuned for start-up rather than
    # throughput (serial GC, C1 JIT only): about half the wall time of the
    # defaults on a 2-core machine.
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("okrkit-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.adaptive.enabled", "false")
        .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
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
            np.testing.assert_allclose(
                got[name].to_numpy(float),
                want[name].to_numpy(float),
                rtol=0,
                atol=0,
                equal_nan=True,
                err_msg=name,
            )
        else:
            a = [None if pd.isna(x) else x for x in got[name]]
            b = [None if pd.isna(x) else x for x in want[name]]
            assert a == b, name
