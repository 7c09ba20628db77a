"""Reading and writing the export folder, only ever inside it.

Writes go to a temporary file beside the target and are renamed over it, so an interrupted
run leaves each file whole (old or new). Nothing here follows a symbolic link.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wikijs_typed._bulk.paths import EXTENSIONS, UnsafePathError, check_relative, inside

__all__ = ["FoundFile", "read_text", "remove", "scan", "write_bytes", "write_text"]

PAGE_EXTENSIONS = frozenset(EXTENSIONS.values())


# A new file, created here or not at all: O_EXCL fails on anything already there, a link
# included, so nothing is followed.
_NEW_FILE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def write_bytes(root: Path, relative: PurePosixPath, data: bytes) -> None:
    target = inside(root, relative)
    try:
        handle = _create(target)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        # The folders just made may have been swapped for links meanwhile: check again.
        target = inside(root, relative)
        handle = _create(target)
    if handle is not None:
        # A new file: an interruption leaves at worst a partial file that the state file
        # does not know of, which the next run writes again.
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        return
    # Replacing a file: by rename, so that it is always whole, old or new.
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".wikijs-typed.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _create(target: Path) -> int | None:
    """The descriptor of `target` made anew, or None when something is there already."""
    try:
        return os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        return None


def write_text(root: Path, relative: PurePosixPath, text: str) -> None:
    write_bytes(root, relative, text.encode("utf-8"))


def read_text(root: Path, relative: PurePosixPath) -> str | None:
    """The file's text, or None when there is no such file.

    A UTF-8 byte order mark, as some Windows editors write, is dropped: front matter must start
    the file.
    """
    target = inside(root, relative)
    try:
        return target.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None


def remove(root: Path, relative: PurePosixPath) -> bool:
    """Delete the file (and the folders it leaves empty); False when it was not there."""
    target = inside(root, relative)
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    base = root.resolve()
    folder = target.parent
    while folder != base and folder.is_relative_to(base):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
    return True


@dataclass(frozen=True, slots=True)
class FoundFile:
    """A page file found in the folder, or why one could not be used (`problem`)."""

    relative: PurePosixPath
    problem: str | None = None


def scan(
    root: Path, skip: frozenset[str] = frozenset(), *, pages: bool = True
) -> Iterator[FoundFile]:
    """Every `.md` and `.html` file under `root`, in a stable order.

    With `pages=False`, every other file instead. Hidden files and folders (the state file among
    them) and the files in `skip` are left out; symbolic links and names that are not safe come
    back with their problem instead of being followed.
    """
    base = root.resolve()
    # A folder that cannot be read stops the scan (OSError): its files would otherwise look
    # deleted, and their pages pruned.
    for folder, dirs, names in os.walk(base, followlinks=False, onerror=_raise):
        here = Path(folder)
        dirs.sort()
        for name in list(dirs):
            if name.startswith("."):
                dirs.remove(name)
            elif (here / name).is_symlink():
                dirs.remove(name)
                yield FoundFile(_relative(here / name, base), "a symbolic link, not followed")
        for name in sorted(names):
            is_page = Path(name).suffix.lower() in PAGE_EXTENSIONS
            if name.startswith(".") or is_page != pages:
                continue
            relative = _relative(here / name, base)
            if relative.as_posix() in skip:
                continue
            if (here / name).is_symlink():
                yield FoundFile(relative, "a symbolic link, not followed")
                continue
            try:
                check_relative(relative.as_posix())
            except UnsafePathError as exc:
                yield FoundFile(relative, str(exc))
                continue
            yield FoundFile(relative)


def _raise(error: OSError) -> None:
    raise error


def _relative(path: Path, base: Path) -> PurePosixPath:
    return PurePosixPath(path.relative_to(base).as_posix())
