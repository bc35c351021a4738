"""The entity index: which articles mention which entity, for browsing the library by entity.

Kept in ``HOME/cache/entity-index/`` (derived data, rebuilt when deleted):

- ``meta.json``: format, extractor name and version, digest of the library-wide
  corrections; when any of these changes, every article is indexed again;
- ``stamps.json``: per article id, a stamp of what was indexed (title, text,
  the article's own corrections), so stale articles are found without reading
  anything else;
- ``articles.json``: per article id, its entities ``[key, name, label, count]``;
- ``tokens/NN.json``: word -> entity keys containing it (sharded by word);
- ``keys/NN.json``: entity key -> name, label and ``{article id: mentions}``.

A lookup reads one ``tokens`` shard and a few ``keys`` shards, so
``broadsheet list --entity NAME`` stays fast at 10,000 articles. Building
runs the extractor over every stale article in worker processes and reuses
(and fills) the extraction cache, so articles already read cost almost nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.entities.cache import EntityCache
from reader.entities.corrections import Correction, apply_corrections
from reader.entities.grouping import group_mentions, normalise
from reader.entities.registry import get_extractor
from reader.util.atomic import write_atomic
from reader.util.files import read_json

FORMAT = 2
SHARDS = 64
BATCH = 64
"""Articles handed to a worker process at a time."""

Entry = tuple[str, str, str, int]
"""(key, name, label, count) of one entity in one article."""
Progress = Callable[[int, int], None]


def _shard(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')) % SHARDS:02x}"


def stamp_of(title: str, text_hash: str, corrections: str) -> str:
    """What an article's index entry depends on: its title, text and own corrections.

    (``text_hash`` and ``corrections`` are digests already; the title gets a CRC,
    which is quick enough to recompute for 10,000 articles on every lookup.)
    """
    return f"{zlib.crc32(title.encode('utf-8')):08x}{text_hash}{corrections}"


@dataclass(frozen=True, slots=True)
class Job:
    """One article to index (everything a worker process needs, all picklable)."""

    article_id: str
    path: str
    stamp: str
    corrections: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class EntityHit:
    """An entity found by a lookup, with the articles that mention it."""

    key: str
    name: str
    label: str
    articles: dict[str, int]

    @property
    def total(self) -> int:
        """Mentions across the library."""
        return sum(self.articles.values())


@dataclass(slots=True)
class BuildReport:
    """What an index update did."""

    indexed: int = 0
    removed: int = 0
    failed: list[str] = field(default_factory=list)


def _index_batch(
    root: str, backend: str, cache_dir: str, jobs: Sequence[Job]
) -> list[tuple[str, str, list[Entry] | None]]:
    """Worker: extract and group the entities of a batch of articles."""
    from reader.library.parsing import ArticleError, load_article
    from reader.text.document import build_document

    extractor = get_extractor(backend)
    cache = EntityCache(Path(cache_dir))
    results: list[tuple[str, str, list[Entry] | None]] = []
    for job in jobs:
        try:
            article = load_article(Path(root) / job.path, job.path)
        except ArticleError:
            results.append((job.article_id, job.stamp, None))
            continue
        document = build_document(article)
        text = document.entity_text  # code blanked out: no entities there
        mentions = document.outside_code(cache.get(text, extractor))
        corrections = {
            correction.key: correction
            for text, action, label in job.corrections
            if (correction := Correction.from_doc({"text": text, "action": action, "label": label}))
        }
        mentions = apply_corrections(text, mentions, corrections)
        groups = group_mentions(document.plain, mentions, title_end=document.title_end)
        entries = [
            (normalise(group.name), group.name, group.label, group.count)
            for group in groups
            if group.label not in ("DATE", "FIGURE")
        ]
        results.append((job.article_id, job.stamp, entries))
    return results


class EntityIndex:
    """The index files under one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._tokens: dict[str, dict[str, list[str]]] = {}
        self._keys: dict[str, dict[str, Any]] = {}

    # -- reading ----------------------------------------------------------------------
    def _read(self, name: str) -> Any:
        return read_json(self.folder / name)

    def meta(self) -> dict[str, Any]:
        """Format, extractor and corrections digest the index was built with."""
        data = self._read("meta.json")
        return data if isinstance(data, dict) else {}

    def stamps(self) -> dict[str, str]:
        """Article id -> stamp of what was indexed (empty when the index is unusable)."""
        data = self._read("stamps.json")
        return data if isinstance(data, dict) else {}

    def is_current(self, extractor: str, corrections: str) -> bool:
        """True when built with this extractor and these library-wide corrections."""
        meta = self.meta()
        return (
            meta.get("format") == FORMAT
            and meta.get("extractor") == extractor
            and meta.get("corrections") == corrections
        )

    def lookup(self, query: str) -> list[EntityHit]:
        """Entities whose name contains every word of ``query`` (case-insensitive), best first.

        An exact name match comes first, then by number of articles.
        """
        wanted = normalise(query)
        words = [word for word in wanted.split() if word]
        if not words:
            return []
        first = max(words, key=len)
        shard = self._tokens.get(_shard(first))
        if shard is None:
            data = self._read(f"tokens/{_shard(first)}.json")
            shard = data if isinstance(data, dict) else {}
            self._tokens[_shard(first)] = shard
        candidates = {
            key for key in shard.get(first, ()) if all(word in key.split() for word in words)
        }
        hits: list[EntityHit] = []
        for key in candidates:
            key_shard = self._keys.get(_shard(key))
            if key_shard is None:
                data = self._read(f"keys/{_shard(key)}.json")
                key_shard = data if isinstance(data, dict) else {}
                self._keys[_shard(key)] = key_shard
            entry = key_shard.get(key)
            if isinstance(entry, dict):
                hits.append(
                    EntityHit(key, str(entry["name"]), str(entry["label"]), dict(entry["articles"]))
                )
        hits.sort(key=lambda hit: (hit.key != wanted, -len(hit.articles), hit.key))
        return hits

    def articles_mentioning(self, query: str) -> dict[str, int]:
        """Article id -> mentions of the best-matching entity (exact name, else all matches)."""
        hits = self.lookup(query)
        if not hits:
            return {}
        exact = [hit for hit in hits if hit.key == normalise(query)]
        chosen = exact or hits
        counts: Counter[str] = Counter()
        for hit in chosen:
            counts.update(hit.articles)
        return dict(counts)

    # -- building -----------------------------------------------------------------------
    def update(
        self,
        library_root: Path,
        jobs: Sequence[Job],
        keep: Iterable[str],
        *,
        backend: str,
        extractor: str,
        corrections: str,
        cache_dir: Path,
        progress: Progress | None = None,
        workers: int = 0,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> BuildReport:
        """Index ``jobs`` (stale articles), drop articles not in ``keep``, write the files.

        ``workers`` > 1 uses that many processes (0: one per core, at most 2 on
        a two-core machine); 1 works in this process.
        """
        report = BuildReport()
        current = self.is_current(extractor, corrections)
        stamps = self.stamps() if current else {}
        forward_data = self._read("articles.json") if current else None
        forward: dict[str, list[Entry]] = {
            key: [tuple(entry) for entry in value] for key, value in (forward_data or {}).items()
        }
        keep_ids = set(keep)
        for article_id in list(forward):
            if article_id not in keep_ids:
                forward.pop(article_id)
                stamps.pop(article_id, None)
                report.removed += 1
        batches = [list(jobs[i : i + BATCH]) for i in range(0, len(jobs), BATCH)]
        done = 0
        total = len(jobs)

        def take(results: list[tuple[str, str, list[Entry] | None]]) -> None:
            nonlocal done
            for article_id, stamp, entries in results:
                done += 1
                if entries is None:
                    report.failed.append(article_id)
                    continue
                forward[article_id] = entries
                stamps[article_id] = stamp
                report.indexed += 1
            if progress is not None:
                progress(done, total)

        count = workers or min(os.cpu_count() or 1, 2)
        if count > 1 and len(batches) > 1:
            from concurrent.futures import ProcessPoolExecutor
            from multiprocessing import get_context

            context = get_context("spawn")
            with ProcessPoolExecutor(
                max_workers=count, mp_context=context, initializer=_lower_priority
            ) as pool:
                futures = [
                    pool.submit(_index_batch, str(library_root), backend, str(cache_dir), batch)
                    for batch in batches
                ]
                for future in futures:
                    if cancelled():
                        for pending in futures:
                            pending.cancel()
                        break
                    take(future.result())
        else:
            for batch in batches:
                if cancelled():
                    break
                take(_index_batch(str(library_root), backend, str(cache_dir), batch))
        self._write(forward, stamps, extractor, corrections)
        return report

    def _write(
        self,
        forward: Mapping[str, list[Entry]],
        stamps: Mapping[str, str],
        extractor: str,
        corrections: str,
    ) -> None:
        tokens: dict[str, dict[str, set[str]]] = {}
        keys: dict[str, dict[str, dict[str, Any]]] = {}
        labels: dict[str, Counter[str]] = {}
        for article_id, entries in forward.items():
            for key, name, label, count in entries:
                if not key:
                    continue
                shard = keys.setdefault(_shard(key), {})
                entry = shard.setdefault(key, {"name": name, "label": label, "articles": {}})
                entry["articles"][article_id] = count
                labels.setdefault(key, Counter())[label] += count
                for word in set(key.split()):
                    tokens.setdefault(_shard(word), {}).setdefault(word, set()).add(key)
        for shard in keys.values():
            for key, entry in shard.items():
                entry["label"] = labels[key].most_common(1)[0][0]
        self.folder.mkdir(parents=True, exist_ok=True)
        for sub in ("tokens", "keys"):
            (self.folder / sub).mkdir(exist_ok=True)
        for shard_name, token_map in tokens.items():
            payload = {word: sorted(found) for word, found in token_map.items()}
            write_atomic(
                self.folder / "tokens" / f"{shard_name}.json",
                json.dumps(payload, ensure_ascii=False).encode(),
                durable=False,
            )
        for shard_name, key_map in keys.items():
            write_atomic(
                self.folder / "keys" / f"{shard_name}.json",
                json.dumps(key_map, ensure_ascii=False).encode(),
                durable=False,
            )
        for sub, written in (("tokens", tokens), ("keys", keys)):
            for old in (self.folder / sub).glob("*.json"):
                if old.stem not in written:
                    with contextlib.suppress(OSError):
                        old.unlink()
        write_atomic(
            self.folder / "articles.json",
            json.dumps(forward, ensure_ascii=False).encode(),
            durable=False,
        )
        write_atomic(self.folder / "stamps.json", json.dumps(stamps).encode(), durable=False)
        write_atomic(
            self.folder / "meta.json",
            json.dumps(
                {"format": FORMAT, "extractor": extractor, "corrections": corrections}
            ).encode(),
            durable=False,
        )
        self._tokens.clear()
        self._keys.clear()


def _lower_priority() -> None:
    """Index workers yield the CPU to the app the person is using."""
    with contextlib.suppress(OSError, AttributeError):
        os.nice(10)
