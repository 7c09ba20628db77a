# Made from ../_async/mail.py by `python -m tools.sync_twins`: do not edit.
"""`client.mail`: the SMTP settings, and a test mail.

`mail.updateConfig` needs every setting: `update` sends the current config, read fresh, with
the changes applied. The password Wiki.js answers is its mask ("********"), and that mask sent
back keeps the stored password: an update that does not change it never knows it.
"""

from __future__ import annotations

from collections.abc import Mapping

from wikijs_typed._resources._sync.base import Resource
from wikijs_typed._resources.sansio.shared import present
from wikijs_typed.models import _rules as rules
from wikijs_typed.models._mail import MailConfig, MailConfigUpdate

__all__ = ["MailResource"]


class MailResource(Resource):
    """The outgoing mail (SMTP) settings, and a test mail.

    Reached as `client.mail`: `config()`, `update(...)` and `send_test(recipient)`; they need
    the `manage:system` permission.

    Any call can also raise AuthenticationError, ForbiddenError (a permission is missing),
    WikiJSConnectionError or WikiJSTimeoutError (the server is not reached in time).
    """

    def config(self) -> MailConfig:
        """The SMTP settings.

        Returns:
            The settings; the password reads as its mask ("********").
        """
        return self._read(fresh=False)

    def update(self, changes: MailConfigUpdate | Mapping[str, object]) -> MailConfig:
        """Change the given settings and keep the others.

        Wiki.js needs every setting, so the current config is read fresh and sent back with the
        changes; the password's mask sent back keeps the stored password, which this never knows.

        Args:
            changes: A MailConfigUpdate, or a dict of the settings to change by their
                Python names.

        Returns:
            The config as stored after the update (unchanged when nothing differs).

        Raises:
            ValidationError: `changes` names an unknown setting or a value of the wrong type
                (nothing is sent).
            OperationFailedError: Wiki.js refused the change.
        """
        update = MailConfigUpdate.coerce(changes)
        current = self._read(fresh=True)
        if not update.changes_from(current):
            return current
        merged = update.merged(current)
        merged["pass_"] = merged.pop("password")
        self._gql.update_mail_config(**merged)
        return self._read(fresh=False)

    def send_test(self, recipient: str) -> None:
        """Send a test mail with the current settings.

        Args:
            recipient: The address to send it to (not empty).

        Raises:
            ValidationError: `recipient` is empty (nothing is sent).
            OperationFailedError: The mail cannot be sent, with the SMTP error (not configured,
                unreachable, refused).
        """
        address = rules.check_non_empty(recipient, "recipient").strip()
        self._gql.send_test_mail(recipient_email=address)

    def _read(self, *, fresh: bool) -> MailConfig:
        result = self._gql.get_mail_config(cache="network-only" if fresh else None)
        return MailConfig.from_fields(present(present(result.mail, "mail").config, "a config"))
