"""The SQL components against real databases, one suite for both: a throwaway
PostgreSQL server (initdb + pg_ctl from the Debian package, in a temporary
directory, as an unprivileged user, on a free loopback port) and SQLite files.

Each backend loads the bundled example's measurements, scores them from the
CLI (`--data postgresql://...` / `--data sqlite:...`) and must print exactly
what the CSV path prints; writes the scorecard back (`score --to ...`), whose
rows are checked against the Python binding's scorecard frame; and a writer
killed with SIGKILL in the middle of its transaction must leave the previous
evaluation intact, with none of its rows visible (docs/data-sources.md).

The server is only skipped where PostgreSQL is not installed at all (the CI
scripts install it: scripts/lib.sh).
"""

from __future__ import annotations

import csv
import glob
import math
import os
import pwd
import shutil
import signal
import socket
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import okrkit
import pytest
from cli_support import find_cli, needs_cli, run_cli

AS_OF = "2025-05-31"
EARLIER = "2025-04-30"
PASSWORD = "s3cret-pw"  # trust authentication: the server ignores it


pytestmark = needs_cli


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=300)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _server_env() -> dict[str, str]:
    """The environment of the server and psql: without a preloaded sanitizer
    runtime (./scripts/test --asan preloads libasan for the okrkit code only)."""
    return {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """A PostgreSQL server of its own, run by an unprivileged user."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.dir = Path(tempfile.mkdtemp(prefix="okrkit_pg_"))
        self.data = self.dir / "data"
        self.port = _free_port()
        self.user = "okrkit"
        # initdb refuses to run as root: as root, run the server as 'nobody'.
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            os.chown(self.dir, nobody.pw_uid, nobody.pw_gid)
            self.prefix = ["runuser", "-u", "nobody", "--"]

    def _run(self, *args: str) -> None:
        r = subprocess.run(
            [*self.prefix, *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=_server_env(),
        )
        assert r.returncode == 0, f"{args[0]} failed:\n{r.stdout}\n{r.stderr}"

    def start(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.user,
            "--auth=trust",
            "--no-sync",
            "-E",
            "UTF8",
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.dir / "server.log"),
            "-w",
            "-o",
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def stop(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"],
            capture_output=True,
            timeout=120,
            check=False,
            env=_server_env(),
        )
        shutil.rmtree(self.dir, ignore_errors=True)

    def uri(self, password: bool = False) -> str:
        auth = f"{self.user}:{PASSWORD}" if password else self.user
        return f"postgresql://{auth}@127.0.0.1:{self.port}/postgres"

    def psql(self, sql: str) -> list[list[str]]:
        r = subprocess.run(
            [str(self.bindir / "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"]
            + ["-F", "\x1f", "-d", self.uri(), "-c", sql],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env=_server_env(),
        )
        assert r.returncode == 0, r.stderr
        return [line.split("\x1f") for line in r.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def pg_server() -> Iterator[PgServer]:
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb; Debian: "
            "apt-get install postgresql): the PostgreSQL tests cannot run here"
        )
    server = PgServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


class Backend:
    """One database seen by the suite: where it is, how to load and query it."""

    name: str

    def load_example(self, examples: Path, table: str) -> None:
        raise NotImplementedError

    def data_uri(self, params: str) -> str:
        raise NotImplementedError

    def rows(self, sql: str) -> list[list[str]]:
        """Every cell as text ('' for NULL)."""
        raise NotImplementedError

    def hold_lock(self, table: str, node: str) -> subprocess.Popen[str] | sqlite3.Connection:
        raise NotImplementedError

    def writer_blocked(self) -> bool:
        raise NotImplementedError


class Pg(Backend):
    name = "postgresql"

    def __init__(self, server: PgServer) -> None:
        self.server = server
        self.holder: subprocess.Popen[str] | None = None

    def load_example(self, examples: Path, table: str) -> None:
        self.server.psql(
            f"DROP TABLE IF EXISTS {table}; CREATE TABLE {table} (id bigserial PRIMARY KEY, "
            "series text, date date, value double precision, numerator double precision, "
            "denominator double precision)"
        )
        values = []
        with open(examples / "acme-measurements.csv", newline="") as f:
            for r in csv.DictReader(f):
                cells = [f"'{r['series']}'", f"'{r['date']}'"] + [
                    r[c] if r[c] else "NULL" for c in ("value", "numerator", "denominator")
                ]
                values.append("(" + ", ".join(cells) + ")")
        self.server.psql(
            f"INSERT INTO {table} (series, date, value, numerator, denominator) VALUES "
            + ", ".join(values)
        )

    def data_uri(self, params: str) -> str:
        return f"{self.server.uri()}?{params}"

    def rows(self, sql: str) -> list[list[str]]:
        return self.server.psql(sql)

    def hold_lock(self, table: str, node: str) -> subprocess.Popen[str]:
        # An open transaction holding one row the writer must update: the
        # writer waits on it in the middle of its INSERT ... ON CONFLICT.
        p = subprocess.Popen(
            [str(self.server.bindir / "psql"), "-X", "-q", "-A", "-t", "-d", self.server.uri()],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=_server_env(),
        )
        assert p.stdin is not None and p.stdout is not None
        p.stdin.write(
            f"BEGIN; SELECT node FROM {table} WHERE node = '{node}' AND as_of = '{AS_OF}' "
            "FOR UPDATE;\n"
        )
        p.stdin.flush()
        assert p.stdout.readline().strip() == node
        self.holder = p
        return p

    def release(self) -> None:
        assert self.holder is not None and self.holder.stdin is not None
        self.holder.communicate("ROLLBACK;\n", timeout=60)

    def writer_blocked(self) -> bool:
        got = self.server.psql(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
            "AND query LIKE 'INSERT INTO%'"
        )
        return got == [["1"]]


class Lite(Backend):
    name = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.holder: sqlite3.Connection | None = None

    def load_example(self, examples: Path, table: str) -> None:
        con = sqlite3.connect(self.path)
        try:
            con.execute(f"DROP TABLE IF EXISTS {table}")
            con.execute(
                f"CREATE TABLE {table} (series TEXT, date TEXT, value REAL, numerator REAL, "
                "denominator REAL)"
            )
            with open(examples / "acme-measurements.csv", newline="") as f:
                con.executemany(
                    f"INSERT INTO {table} VALUES (?, ?, ?, ?, ?)",
                    [
                        (r["series"], r["date"])
                        + tuple(
                            float(r[c]) if r[c] else None
                            for c in ("value", "numerator", "denominator")
                        )
                        for r in csv.DictReader(f)
                    ],
                )
            con.commit()
        finally:
            con.close()

    def data_uri(self, params: str) -> str:
        return f"sqlite:{self.path}?{params}"

    def rows(self, sql: str) -> list[list[str]]:
        con = sqlite3.connect(self.path)
        try:
            return [
                ["" if c is None else repr(c) if isinstance(c, float) else str(c) for c in r]
                for r in con.execute(sql).fetchall()
            ]
        finally:
            con.close()

    def hold_lock(self, table: str, node: str) -> sqlite3.Connection:
        # An open read transaction: the writer takes its write lock, writes
        # every row into its journal, then waits at COMMIT for this reader.
        con = sqlite3.connect(self.path, isolation_level=None)
        con.execute("BEGIN")
        assert con.execute(f"SELECT node FROM {table} WHERE node = ?", (node,)).fetchone()
        self.holder = con
        return con

    def release(self) -> None:
        assert self.holder is not None
        self.holder.execute("ROLLBACK")
        self.holder.close()

    def writer_blocked(self) -> bool:
        return Path(str(self.path) + "-journal").exists()


@pytest.fixture(params=["postgresql", "sqlite"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "postgresql":
        return Pg(request.getfixturevalue("pg_server"))
    return Lite(tmp_path / "okr.db")


def csv_scorecard(examples: Path, as_of: str = AS_OF) -> str:
    r = run(
        "score",
        str(examples / "acme.json"),
        "--data",
        str(examples / "acme-measurements.csv"),
        "--as-of",
        as_of,
        "--format",
        "csv",
    )
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_scores_like_the_csv_path(db: Backend, examples: Path) -> None:
    db.load_example(examples, "measurements")
    want = csv_scorecard(examples)
    for params in (
        "table=measurements",
        "query=SELECT series, date, value, numerator, denominator FROM measurements",
        # mapped columns: the query renames them, the parameters map them back
        "series=s&date=d&query=SELECT series AS s, date AS d, value, numerator, denominator "
        "FROM measurements",
    ):
        got = run(
            "score",
            str(examples / "acme.json"),
            "--data",
            db.data_uri(params),
            "--as-of",
            AS_OF,
            "--format",
            "csv",
        )
        assert got.returncode == 0, (params, got.stderr)
        assert got.stdout == want, params


def test_bad_rows_are_all_reported(db: Backend, examples: Path) -> None:
    # The same diagnostics from both databases: every bad row, with series and column.
    db.load_example(examples, "measurements")
    query = (
        "SELECT 'kr_a' AS series, '2025-13-01' AS date, 1.0 AS value UNION ALL "
        "SELECT NULL, '2025-01-31', 2.0 UNION ALL "
        "SELECT 'kr_b', '2025-01-31', 'abc'"
    )
    if db.name == "postgresql":  # PostgreSQL needs one type per column
        query = query.replace("1.0 AS value", "'1.0' AS value").replace("2.0", "'2.0'")
    r = run(
        "score",
        str(examples / "acme.json"),
        "--data",
        db.data_uri("query=" + query),
        "--as-of",
        AS_OF,
    )
    assert r.returncode == 1, r.stderr
    assert "series id is missing (NULL)" in r.stderr
    assert "kr_a" in r.stderr and "date" in r.stderr
    assert "'abc' is not a finite number" in r.stderr


def test_write_back(db: Backend, examples: Path, tmp_path: Path) -> None:
    model_path = str(examples / "acme.json")
    target = db.data_uri("table=okr_scores&scorecard=acme")
    for as_of, evaluation in ((EARLIER, 1), (AS_OF, 2), (AS_OF, 3)):
        r = run(
            "score",
            model_path,
            "--data",
            str(examples / "acme-measurements.csv"),
            "--as-of",
            as_of,
            "--to",
            target,
            "-o",
            str(tmp_path / "out.txt"),
        )
        assert r.returncode == 0, r.stderr
        assert f"(scorecard 'acme', as_of {as_of}, evaluation {evaluation})" in r.stderr
    card = okrkit.evaluate(
        okrkit.load_model(model_path),
        okrkit.load_measurements(examples / "acme-measurements.csv"),
        AS_OF,
    )
    # Re-scoring 2025-05-31 replaced its rows; 2025-04-30 stays.
    counts = db.rows(
        "SELECT as_of, count(*), max(evaluation) FROM okr_scores GROUP BY as_of ORDER BY as_of"
    )
    assert counts == [[EARLIER, str(len(card)), "1"], [AS_OF, str(len(card)), "3"]]
    # Every write-back column is there, in both databases.
    cols = db.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'okr_scores'"
        if db.name == "postgresql"
        else "SELECT name FROM pragma_table_info('okr_scores')"
    )
    header = csv_scorecard(examples).splitlines()[0].split(",")
    want_cols = {"scorecard", "as_of", "node", "evaluation"} | set(header) - {"id"}
    assert {c[0] for c in cols} == want_cols
    # The values are the scorecard's (the Python binding's frame as reference).
    frame = card.to_frame()
    got = db.rows(
        "SELECT node, kind, status, value, target, progress, attainment, expected "
        f"FROM okr_scores WHERE as_of = '{AS_OF}'"
    )
    assert {r[0] for r in got} == set(frame.index)
    for node, kind, status, *numbers in got:
        assert kind == str(frame.loc[node, "kind"])
        assert status == str(frame.loc[node, "status"])
        for col, cell in zip(("value", "target", "progress", "attainment", "expected"), numbers):
            want = float(frame.loc[node, col])
            assert (cell == "" and math.isnan(want)) or float(cell) == want, (node, col)


def test_writer_killed_mid_transaction_leaves_the_previous_evaluation(
    db: Backend, examples: Path, tmp_path: Path
) -> None:
    cli = find_cli()
    assert cli is not None
    model_path = str(examples / "acme.json")
    target = db.data_uri("table=crash_scores&scorecard=acme")
    data = str(examples / "acme-measurements.csv")
    first = run("score", model_path, "--data", data, "--as-of", AS_OF, "--to", target)
    assert first.returncode == 0, first.stderr
    before = db.rows(
        "SELECT node, kind, evaluation, progress FROM crash_scores ORDER BY node, kind"
    )
    assert {r[2] for r in before} == {"1"}
    last_node = before[-1][0]

    # The writer of evaluation 2 stops in the middle of its transaction (it
    # waits for a lock this test holds), and is killed there.
    db.hold_lock("crash_scores", last_node)
    writer = subprocess.Popen(
        [cli, "score", model_path, "--data", data, "--as-of", AS_OF, "--to", target],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not db.writer_blocked():
            assert writer.poll() is None, f"the writer ended: {writer.communicate()[1]}"
            assert time.monotonic() < deadline, "the writer never reached its transaction"
            time.sleep(0.05)
        time.sleep(0.3)  # well inside the transaction
        assert writer.poll() is None
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=60)
        assert writer.returncode == -signal.SIGKILL
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        assert writer.stderr is not None
        writer.stderr.close()
        db.release()

    # Nothing of evaluation 2 is visible: the rows are evaluation 1's, all of them.
    after = db.rows("SELECT node, kind, evaluation, progress FROM crash_scores ORDER BY node, kind")
    assert after == before
    # And the next writer writes evaluation 2 whole.
    again = run("score", model_path, "--data", data, "--as-of", AS_OF, "--to", target)
    assert again.returncode == 0, again.stderr
    assert "evaluation 2)" in again.stderr
    assert db.rows("SELECT DISTINCT evaluation FROM crash_scores") == [["2"]]
    assert len(db.rows("SELECT node FROM crash_scores")) == len(before)


def test_postgres_connection_strings_never_show_the_password(
    pg_server: PgServer, examples: Path
) -> None:
    model = str(examples / "acme.json")
    secret_uri = pg_server.uri(password=True)
    for args, status, says in (
        # a table that is not there: the server's message, the connection masked
        (["--data", secret_uri + "?table=nope"], 1, 'relation "nope" does not exist'),
        # a port with no server: libpq's message
        (
            ["--data", secret_uri.replace(str(pg_server.port), str(_free_port())) + "?table=t"],
            1,
            "cannot connect to PostgreSQL",
        ),
        # a successful write-back: its summary line names the connection
        (
            [
                "--data",
                str(examples / "acme-measurements.csv"),
                "--to",
                secret_uri + "?table=pw_scores",
                "-o",
                os.devnull,
            ],
            0,
            "rows to postgresql://okrkit:***@127.0.0.1",
        ),
        # a usage error
        (["--data", secret_uri], 2, "give exactly one of ?table=NAME and ?query=SQL"),
        (
            ["--data", "postgresql://okrkit@127.0.0.1:1/postgres?password=" + PASSWORD],
            2,
            "give exactly one of ?table=NAME and ?query=SQL",
        ),
    ):
        r = run("score", model, "--as-of", AS_OF, *args)
        assert r.returncode == status, r.stderr
        assert says in r.stderr
        assert PASSWORD not in r.stderr and PASSWORD not in r.stdout
        assert "***" in r.stderr


def _rows_after(examples: Path, day: str) -> tuple[int, str]:
    """Rows of the example dated after `day`, and the latest date (read from the CSV)."""
    with open(examples / "acme-measurements.csv", newline="") as f:
        dates = [r["date"] for r in csv.DictReader(f)]
    after = [d for d in dates if d > day]
    return len(after), max(after)


def test_cli_incremental_watermark(db: Backend, examples: Path) -> None:
    db.load_example(examples, "measurements")
    model = str(examples / "acme.json")
    # 45 rows, ids 1..45 in file order (SQLite rowid, PostgreSQL bigserial id)
    r = run(
        "score", model, "--as-of", AS_OF, "--data", db.data_uri("table=measurements&after_id=40")
    )
    assert r.returncode == 0, r.stderr
    assert "read 5 rows after id 40; next watermark: after_id=45" in r.stderr
    # nothing new: the watermark stays
    r = run(
        "score", model, "--as-of", AS_OF, "--data", db.data_uri("table=measurements&after_id=45")
    )
    assert r.returncode == 0, r.stderr
    assert "read 0 rows after id 45; next watermark: after_id=45" in r.stderr
    n, last = _rows_after(examples, EARLIER)
    assert n > 0
    r = run(
        "score",
        model,
        "--as-of",
        AS_OF,
        "--data",
        db.data_uri(f"table=measurements&after_date={EARLIER}"),
    )
    assert r.returncode == 0, r.stderr
    assert f"read {n} rows after {EARLIER}; next watermark: after_date={last}" in r.stderr
    # a full read prints no watermark
    r = run("score", model, "--as-of", AS_OF, "--data", db.data_uri("table=measurements"))
    assert "watermark" not in r.stderr
    bad = run(
        "score", model, "--as-of", AS_OF, "--data", db.data_uri("table=measurements&after_id=x1")
    )
    assert bad.returncode == 2
    assert "after_id 'x1' is not an integer" in bad.stderr
    bad = run(
        "score", model, "--as-of", AS_OF, "--data", db.data_uri("table=measurements&id_column=seq")
    )
    assert bad.returncode == 2
    assert "id_column needs after_id (the id watermark)" in bad.stderr


def test_measurements_from_sql_over_psycopg(pg_server: PgServer, examples: Path) -> None:
    """Python reads PostgreSQL through psycopg (DB-API), against the same throwaway server."""
    import pandas as pd
    import psycopg

    Pg(pg_server).load_example(examples, "py_measurements")
    csv_store = okrkit.load_measurements(examples / "acme-measurements.csv")
    model = okrkit.load_model(str(examples / "acme.json"))
    with psycopg.connect(pg_server.uri()) as con:
        store = okrkit.measurements_from_sql(
            "SELECT series, date, value, numerator, denominator FROM py_measurements ORDER BY id",
            con,
        )
        assert okrkit.dump_measurements(store) == okrkit.dump_measurements(csv_store)
        pd.testing.assert_frame_equal(
            okrkit.evaluate(model, store, AS_OF).to_frame(),
            okrkit.evaluate(model, csv_store, AS_OF).to_frame(),
        )
        # parameters in psycopg's paramstyle; a PostgreSQL date column
        n, _ = _rows_after(examples, EARLIER)
        later = okrkit.measurements_from_sql(
            "SELECT series, date, value FROM py_measurements WHERE date > %s", con, params=[EARLIER]
        )
        assert len(later) == n
        with pytest.raises(okrkit.DomainError, match="row 0: field 'series': missing series id"):
            okrkit.measurements_from_sql(
                "SELECT NULL::text AS series, date, value FROM py_measurements", con
            )
