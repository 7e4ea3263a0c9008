"""Parallel and distributed builds (issue #7): where the records of ``pxextract build`` are made.

``store.build`` decides which articles need processing and writes every row itself, in one
process, with the same transactions as always. This module only produces the records, as
an ``extract`` callable for ``feed.extraction(extract=...)``: it is given an iterator of the
articles that need processing and yields ``(article, record, error)`` in the same order.

* ``build --workers N``: N worker processes on this machine, :class:`pxextract.workers.Workers`
  (the interface ``extract`` uses too; forked after the pipeline is built).
* :class:`DaskExtract` — ``build --dask local|tcp://HOST:PORT``: batches of articles go to
  Dask workers, each of which loads the pipeline once (a ``distributed.WorkerPlugin``);
  their records come back as Parquet partitions in a staging folder and are loaded from
  there.

Neither starts anything when no article needs processing: an unchanged rebuild stays as
cheap as before. How to run them and what was measured: docs/scale.md.

Example:
    >>> from pxextract import feed, store
    >>> from pxextract.read import read_inputs
    >>> arts, errs = read_inputs(["corpus/"])                                # doctest: +SKIP
    >>> store.build("facts.sqlite", arts, errs, extraction=feed.extraction(extract=make_extract(workers=2)))  # doctest: +SKIP
"""

from __future__ import annotations

import asyncio
import contextlib
import glob
import hashlib
import json
import logging
import os
import shutil
import socket
import tempfile
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

from .read import Article, InputError
from .workers import Workers, char_chunks, default_workers, extract_chunk

Result = tuple[Article, "dict | None", "str | None"]


class ScaleError(InputError):
    """A parallel or distributed build that cannot run (bad option, no scheduler, workers
    with another pipeline version); the CLI reports it as a usage error (exit code 2)."""


def make_extract(
    *,
    workers: int | None = None,
    dask: str | None = None,
    staging: str | Path | None = None,
    db: str | Path | None = None,
    rules_path: str | Path | None = None,
    on_note: Callable[[str], None] | None = None,
):
    """The ``extract`` callable for the options of ``pxextract build``.

    Without ``dask``: :class:`pxextract.workers.Workers` of ``workers`` processes (None: the
    default count and threshold, decided there; 1: this process). With ``dask="local"``,
    ``workers`` is the LocalCluster's size (default one per CPU). ``staging``: a folder every
    Dask worker can write under the same path (default: records come back through the client
    into ``<db>.staging-<pid>/``).
    """
    if workers is not None and workers < 1:
        raise ScaleError(f"--workers {workers}: give at least 1")
    if dask is None:
        if staging is not None:
            raise ScaleError("--staging is for --dask builds only")
        return Workers(workers, rules_path=rules_path)
    if not dask.strip():
        raise ScaleError("--dask: give 'local' or a scheduler address (tcp://HOST:PORT)")
    if dask != "local" and workers is not None:
        raise ScaleError("--workers with --dask sets the size of a LocalCluster (--dask local); the workers of an existing scheduler are its own")
    if dask != "local":
        scheduler_address(dask)  # a malformed address is a usage error now, before anything is read
    return DaskExtract(dask, n_workers=workers, staging=staging, db=db, rules_path=rules_path, on_note=on_note)


def scheduler_address(address: str) -> tuple[str, str, int | None]:
    """``(scheme, host, port)`` of a Dask scheduler address, or :class:`ScaleError` at once for
    one Dask could not use ("bogus": no port). ``"tcp://10.0.0.5:8786"`` → ``("tcp", "10.0.0.5", 8786)``."""
    try:
        from distributed.comm.addressing import parse_address, parse_host_port
        from distributed.comm.registry import get_backend
    except ImportError:
        return "", address, None  # reported when the build needs Dask
    try:
        scheme, location = parse_address(address, strict=False)
        get_backend(scheme)
        if scheme in ("tcp", "tls", "ws", "wss", "ucx"):
            host, port = parse_host_port(location)
            return scheme, host, port
    except (ValueError, TypeError) as exc:
        raise ScaleError(f"--dask {address}: not a scheduler address ({exc}); give 'local' or tcp://HOST:PORT") from None
    return scheme, location, None


def _reachable(address: str, timeout: float) -> None:
    """Fail fast (:class:`ScaleError`) when nothing listens at a TCP scheduler address: a
    ``Client`` that fails to connect takes a minute more to close."""
    _, host, port = scheduler_address(address)
    if port is None:
        return
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise ScaleError(f"--dask {address}: cannot reach the Dask scheduler ({exc.strerror or exc})") from None


# -- Dask ---------------------------------------------------------------------------------------

PLUGIN_PREFIX = "pxextract-pipeline"
PARTITION_COLUMNS = ("id", "text_sha256", "version", "worker", "n_spans", "record", "error")


def _partition_schema():
    import pyarrow as pa

    return pa.schema([
        pa.field("id", pa.string(), nullable=False),
        pa.field("text_sha256", pa.string(), nullable=False),
        pa.field("version", pa.string(), nullable=False),
        pa.field("worker", pa.string()),
        pa.field("n_spans", pa.int64()),
        pa.field("record", pa.string()),  # the record as JSON (docs/annotation.md §1): exact, any attributes
        pa.field("error", pa.string()),
    ])


def rules_files(rules_path: str | Path | None = None) -> dict[str, bytes]:
    """Every file of the rules folder, ``relative path → bytes``: shipped to Dask workers, so
    that they use exactly the client's rules (the same hash, so the same pipeline version)."""
    from .rules import default_rules_dir

    d = Path(rules_path) if rules_path else default_rules_dir()
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*")) if p.is_file()}


def _make_plugin_class():
    from distributed import WorkerPlugin

    class PipelinePlugin(WorkerPlugin):
        """Loads the pipeline once per Dask worker, from the rules files it carries.

        Registered with ``client.register_plugin``: every worker, including ones that join
        later, runs :meth:`setup`; an error there (bad rules) is raised on the client.
        ``idempotent``: the name holds the pipeline version, so a long-lived cluster keeps
        the loaded pipeline for the next build of the same version.
        """

        idempotent = True

        def __init__(self, name: str, files: dict[str, bytes], version: str, extractor_factory=None):
            self.name = name
            self.files = files
            self.version = version
            self.extractor_factory = extractor_factory

        async def setup(self, worker):
            await asyncio.get_running_loop().run_in_executor(None, self._load)  # not on the event loop

        def _load(self) -> None:
            self._dir = tempfile.mkdtemp(prefix="pxextract-rules-")
            for rel, data in self.files.items():
                path = Path(self._dir, rel)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            if self.extractor_factory is None:
                from .pipeline import Extractor

                self.extractor = Extractor(self._dir)
            else:
                self.extractor = self.extractor_factory(self._dir)
            self.lock = threading.Lock()  # a worker with several threads shares one pipeline

        def teardown(self, worker):
            shutil.rmtree(getattr(self, "_dir", ""), ignore_errors=True)

        def extract(self, items: list[tuple[str, str, dict]], where: str) -> list[dict]:
            rows = []
            with self.lock:
                results = extract_chunk(items, self.extractor)
            for (art_id, text, _), (rec, err) in zip(items, results):
                if err is not None:  # say which worker
                    err = err.replace("extraction failed", f"extraction failed on {where}", 1)
                rows.append({
                    "id": art_id, "text_sha256": _sha256(text), "version": self.extractor.version, "worker": where,
                    "n_spans": None if rec is None else len(rec["spans"]),
                    "record": None if rec is None else json.dumps(rec, ensure_ascii=False),
                    "error": err,
                })
            return rows

    PipelinePlugin.__module__ = __name__
    PipelinePlugin.__qualname__ = "PipelinePlugin"
    return PipelinePlugin


def __getattr__(name: str):
    # PipelinePlugin subclasses distributed.WorkerPlugin, so it is made on first use: importing
    # this module (for --workers) needs no Dask. Pickle finds it here by name on the workers.
    if name == "PipelinePlugin":
        cls = globals()["PipelinePlugin"] = _make_plugin_class()
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _dask_batch(plugin_name: str, part: int, items: list[tuple[str, str, dict]], shared_dir: str | None) -> dict:
    """On a Dask worker: the records of one batch as one Parquet partition, written into the
    shared staging folder (``shared_dir``) or returned as bytes for the client to write."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from distributed import get_worker

    t0 = time.perf_counter()
    worker = get_worker()
    plugin = worker.plugins.get(plugin_name)
    if plugin is None:
        raise RuntimeError(f"Dask worker {worker.address} has not loaded the pxextract pipeline ({plugin_name})")
    table = pa.Table.from_pylist(plugin.extract(items, worker.address), schema=_partition_schema())
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    data = sink.getvalue().to_pybytes()
    out = {"part": part, "worker": worker.address, "n": len(items), "seconds": round(time.perf_counter() - t0, 3)}
    if shared_dir is None:
        return {**out, "parquet": data}
    path = Path(shared_dir) / _part_name(part)
    _write_atomic(path, data)
    return {**out, "path": str(path)}


def _part_name(part: int) -> str:
    return f"part-{part:05d}.parquet"


def _worker_versions(dask_worker, plugin_name: str) -> str:
    ex = getattr(dask_worker.plugins.get(plugin_name), "extractor", None)
    return ex.version if ex is not None else "(pipeline not loaded)"


class DaskExtract:
    """``build --dask local|ADDRESS``: records made on Dask workers, yielded in input order.

    ``address``: ``"local"`` (a ``LocalCluster`` on 127.0.0.1, ``n_workers`` processes of one
    thread each, no dashboard), a scheduler address (``tcp://HOST:8786``) or a connected
    ``distributed.Client``. Nothing is started before the first article that needs processing.

    Articles go out in batches of about ``batch_chars`` characters, at most two per worker in
    flight. Each batch becomes one Parquet partition (:data:`PARTITION_COLUMNS`, the record as
    JSON) in the staging folder: written by the worker itself when ``staging`` is given (a
    folder every worker and this process see under the same path), otherwise returned to the
    client, which writes it into ``<db>.staging-<pid>/`` (a temporary folder without ``db``).
    Partitions are read back in order, checked (article id, text hash, pipeline version) and
    yielded; the run's folder is removed at the end. ``extractor_factory(rules_dir)`` replaces
    ``Extractor`` on the workers (tests).
    """

    def __init__(
        self,
        address="local",
        *,
        n_workers: int | None = None,
        staging: str | Path | None = None,
        db: str | Path | None = None,
        rules_path: str | Path | None = None,
        batch_chars: int = 50_000,
        processes: bool = True,
        extractor_factory: Callable | None = None,
        on_note: Callable[[str], None] | None = None,
        connect_timeout: float = 30,
    ):
        self.address = address
        self.n_workers = n_workers
        self.staging = Path(staging) if staging is not None else None
        self.db = Path(db) if db is not None else None
        self.rules_path = rules_path
        self.batch_chars = batch_chars
        self.processes = processes
        self.extractor_factory = extractor_factory
        self.on_note = on_note
        self.connect_timeout = connect_timeout
        self.sent = 0  # articles sent to workers
        self.parts: list[dict] = []  # what each partition was: part, worker, n, path

    def _note(self, message: str) -> None:
        if self.on_note:
            self.on_note(message)

    def __call__(self, articles: Iterable[Article]) -> Iterator[Result]:
        it = iter(articles)
        first = next(it, None)
        if first is None:
            return
        try:
            import distributed  # noqa: F401
            import pyarrow  # noqa: F401
        except ImportError as exc:
            raise ScaleError(f"--dask needs Dask: pip install 'pxextract[scale]' ({exc})") from None
        from .feed import pipeline_version

        version = pipeline_version(self.rules_path)[0]
        with self._client() as client:
            plugin_name = self._register(client, version)
            with self._staging() as (local_dir, shared_dir):
                yield from self._run(client, chain([first], it), plugin_name, version, local_dir, shared_dir)

    @contextlib.contextmanager
    def _client(self):
        from distributed import Client

        quiet = logging.getLogger("distributed")
        level = quiet.level
        quiet.setLevel(logging.ERROR)  # no INFO chatter or shutdown warnings in the CLI's output
        cluster = None
        try:
            if isinstance(self.address, Client):
                yield self.address
                return
            if self.address == "local":
                from distributed import LocalCluster

                n = self.n_workers or default_workers()
                cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=self.processes, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
                client = Client(cluster, set_as_default=False)
                self._note(f"dask: LocalCluster of {n} worker(s) at {cluster.scheduler_address}")
            else:
                _reachable(self.address, min(self.connect_timeout, 10))
                try:
                    client = Client(self.address, set_as_default=False, timeout=self.connect_timeout)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise ScaleError(f"--dask {self.address}: cannot reach the Dask scheduler ({exc})") from None
                try:
                    client.wait_for_workers(1, timeout=self.connect_timeout)
                except (TimeoutError, OSError):
                    client.close()
                    raise ScaleError(f"--dask {self.address}: the scheduler has no workers") from None
                n = len(client.scheduler_info(n_workers=-1)["workers"])
                self._note(f"dask: scheduler {self.address} with {n} worker(s)")
            try:
                yield client
            finally:
                client.close()
        finally:
            if cluster is not None:
                cluster.close()
            quiet.setLevel(level)

    def _register(self, client, version: str) -> str:
        import pxextract.scale as me

        name = f"{PLUGIN_PREFIX}-{version}"
        if self.extractor_factory is not None:
            f = self.extractor_factory
            name += f"-{getattr(f, '__module__', '')}.{getattr(f, '__qualname__', repr(f))}"
        client.register_plugin(me.PipelinePlugin(name, rules_files(self.rules_path), version, self.extractor_factory), name=name)
        versions = client.run(_worker_versions, plugin_name=name)
        wrong = {w: v for w, v in versions.items() if v != version}
        if wrong:
            w, v = next(iter(wrong.items()))
            raise ScaleError(f"Dask worker {w} runs pipeline {v}, this build needs {version}: install the same pxextract on the workers")
        return name

    @contextlib.contextmanager
    def _staging(self):
        """``(folder this process reads, folder workers write or None)``; removed at the end."""
        shared = None
        if self.staging is None and self.db is None:
            folder = Path(tempfile.mkdtemp(prefix="pxextract-staging-"))
        elif self.staging is None:
            for stale in self.db.parent.glob(f"{glob.escape(self.db.name)}.staging-*"):  # left by a killed build (we hold the lock)
                shutil.rmtree(stale, ignore_errors=True)
            folder = Path(f"{self.db}.staging-{os.getpid()}")
        else:
            folder = self.staging / f"pxextract-{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            shared = str(folder)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            yield folder, shared
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _run(self, client, articles: Iterator[Article], plugin_name: str, version: str, local_dir: Path, shared_dir: str | None) -> Iterator[Result]:
        window = 2 * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        token = uuid.uuid4().hex[:8]
        pending: deque = deque()
        try:
            for part, batch in enumerate(char_chunks(articles, self.batch_chars)):
                items = [(a.id, a.text, a.meta) for a in batch]
                fut = client.submit(_dask_batch, plugin_name, part, items, shared_dir, key=f"pxextract-batch-{token}-{part}", pure=False)
                pending.append((batch, fut))
                self.sent += len(batch)
                while len(pending) >= window:
                    yield from self._collect(*pending.popleft(), version=version, local_dir=local_dir)
            while pending:
                yield from self._collect(*pending.popleft(), version=version, local_dir=local_dir)
        finally:
            if pending:
                with contextlib.suppress(Exception):
                    client.cancel([f for _, f in pending])

    def _collect(self, batch: list[Article], future, *, version: str, local_dir: Path) -> Iterator[Result]:
        import pyarrow.parquet as pq

        res = future.result()
        future.release()
        if "parquet" in res:
            path = local_dir / _part_name(res["part"])
            _write_atomic(path, res.pop("parquet"))
        else:
            path = Path(res["path"])
        self.parts.append({**res, "path": str(path)})
        rows = pq.read_table(path).to_pylist()
        if len(rows) != len(batch):
            raise ScaleError(f"{path}: {len(rows)} record(s) for a batch of {len(batch)}")
        for art, row in zip(batch, rows):
            if row["id"] != art.id or row["text_sha256"] != _sha256(art.text):
                raise ScaleError(f"{path}: holds {row['id']!r} where {art.id!r} (this text) was expected")
            if row["version"] != version:
                raise ScaleError(f"Dask worker {row['worker']} runs pipeline {row['version']}, this build needs {version}: install the same pxextract on the workers")
            yield art, (None if row["record"] is None else json.loads(row["record"])), row["error"]
