"""Listening on `--host`/`--port` for the serving commands (`emulator`, `api`).

A port that is taken or a host that is not this machine's is a mistake in the command line,
so it is said in one line that names the address and the option to change.
"""

from __future__ import annotations

import argparse
import errno
import socket

__all__ = ["add_listen_options", "cannot_listen", "check_can_listen"]

# Errors that another --port fixes: taken, or below 1024 without the privilege.
_PORT_ERRORS = (errno.EADDRINUSE, errno.EACCES)


def add_listen_options(parser: argparse.ArgumentParser, *, port: int) -> None:
    """`--host` (loopback by default) and `--port` (0: a free one, printed on start)."""
    parser.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default: %(default)s)"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=port,
        help="port to listen on; 0 picks a free one and prints it (default: %(default)s)",
    )


def cannot_listen(host: str, port: int, error: OSError) -> str:
    """`cannot listen on HOST:PORT: <reason> (<which option to change>)`."""
    reason = (error.strerror or str(error)).lower()
    advice = "pick another --port" if error.errno in _PORT_ERRORS else "check --host"
    return f"cannot listen on {host}:{port}: {reason} ({advice})"


def check_can_listen(host: str, port: int) -> int:
    """Bind `host:port` for a moment, as the server is about to.

    Servers that bind the address themselves (uvicorn) report a taken port with a log line and
    a traceback; trying first lets the command say it plainly.

    Returns:
        The port (for port 0, the free one the system picked, for the server to use).

    Raises:
        OSError: when the address cannot be bound.
    """
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    with socket.socket(family, kind, proto) as probe:
        # As the servers do: a port left in TIME_WAIT by a previous run is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        probe.bind(address)
        bound: int = probe.getsockname()[1]
        return bound
