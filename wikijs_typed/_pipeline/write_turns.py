"""Which writes must take turns on Wiki.js.

Every page create, move and delete makes Wiki.js rebuild its whole page tree in a worker
process, and creating or updating a page may insert tags after reading them all. Two of these
at the same time collide on the database (`pageTree_pkey`, `pagetree_parent_foreign`,
`tags_tag_unique`), and Wiki.js 2.5.314 then reports a failure for a page it has already
stored. Overlapping them buys no speed either: the server does the work one piece after
another.

So the engines run these writes one at a time, whoever sends them: the resources, the
generated client's methods, a user's own operations through `client.bind`. A caller that
knows a set of writes cannot collide (plain content updates whose tags all exist) says so
with `execute_many(..., may_overlap=True)`.
"""

from __future__ import annotations

from wikijs_typed._pipeline.operation import GraphQLRequest

__all__ = ["TURN_FIELDS", "takes_turns"]

# Root fields whose writes rebuild the page tree or may create tags (server/models/pages.js).
TURN_FIELDS = frozenset(
    {
        "pages.create",
        "pages.update",
        "pages.move",
        "pages.delete",
        "pages.restore",
        "pages.rebuildTree",
    }
)


def takes_turns(request: GraphQLRequest) -> bool:
    """Whether `request` must not overlap with another such write."""
    if not request.is_mutation:
        return False
    if request.info is None:
        # An operation nobody described: it may be any of them.
        return True
    return any(name in TURN_FIELDS for name in request.info.fields)
