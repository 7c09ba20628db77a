"""Outgoing mail settings.

The SMTP password and the DKIM private key are `SecretStr`: a repr, a log line or an error
shows them as "**********".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr, field_validator

from wikijs_typed.models import _rules as rules
from wikijs_typed.models._base import WikiModel
from wikijs_typed.models._config import ConfigUpdate

if TYPE_CHECKING:
    from wikijs_graphql.get_mail_config import GetMailConfigMailConfig

__all__ = ["MailConfig", "MailConfigUpdate", "MailServerUpdate"]


class MailConfig(WikiModel):
    """How Wiki.js sends mail.

    Wiki.js answers a set password as "********" (its own mask), never the password; the
    DKIM private key it answers in clear.

    Attributes:
        name: The name the server gives itself to the SMTP server (HELO), if not its host name.
        secure: Whether to speak TLS from the start (port 465), not upgrade with STARTTLS.
        verify_ssl: Whether to check the SMTP server's certificate.
        user: The SMTP login.
        password: The SMTP password as Wiki.js answers it: its mask when one is set.
        use_dkim: Whether to sign outgoing mail with DKIM.
        dkim_private_key: The DKIM signing key, in clear as Wiki.js answers it.
    """

    sender_name: str = ""
    sender_email: str = ""
    host: str = ""
    port: int = 465
    name: str = ""
    secure: bool = True
    verify_ssl: bool = True
    user: str = ""
    password: SecretStr = SecretStr("")
    use_dkim: bool = False
    dkim_domain_name: str = ""
    dkim_key_selector: str = ""
    dkim_private_key: SecretStr = SecretStr("")

    repr_fields = ("host", "port", "sender_email", "user")

    @classmethod
    def from_fields(cls, fields: GetMailConfigMailConfig) -> MailConfig:
        """Build the settings from a `mail.config` answer.

        Args:
            fields: The generated selection of that answer; its `pass` is the password.

        Returns:
            The settings; unset values take the defaults.
        """
        data = fields.model_dump(exclude_none=True)
        if "pass_" in data:
            data["password"] = data.pop("pass_")
        return cls.model_validate(data)


class MailServerUpdate(ConfigUpdate):
    """The mail settings that are not secrets.

    What `MailConfigUpdate` and a settings file share: the file names its secrets by
    environment references instead.
    """

    what = "mail config"

    sender_name: str | None = None
    sender_email: str | None = None
    host: str | None = None
    port: int | None = None
    name: str | None = None
    secure: bool | None = None
    verify_ssl: bool | None = None
    user: str | None = None
    use_dkim: bool | None = None
    dkim_domain_name: str | None = None
    dkim_key_selector: str | None = None

    @field_validator("port")
    @classmethod
    def _port(cls, value: int | None) -> int | None:
        if value is not None and not 0 < value < 65536:
            raise ValueError("port must be between 1 and 65535")
        return value

    @field_validator("sender_email")
    @classmethod
    def _sender(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_non_empty(value, "sender_email").strip()


class MailConfigUpdate(MailServerUpdate):
    """Mail settings to change; a field left out, or None, keeps its value.

    Wiki.js needs them all: the others are sent as they are, the masked password included,
    which keeps the stored one.
    """

    password: SecretStr | None = None
    dkim_private_key: SecretStr | None = None
