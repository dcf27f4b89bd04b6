"""Signed, expiring links in signup emails.

A token names the signup and a digest of its address, so it can neither be forged nor point
at a different signup that later reuses the same id.
"""

from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac

from accounts.models import Signup

CONFIRM_SALT = "accounts.signup.confirm"
UNSUBSCRIBE_SALT = "accounts.signup.unsubscribe"


class InvalidToken(Exception):
    """The link was altered, has expired, or names no signup."""


def _email_digest(email: str) -> str:
    return salted_hmac("accounts.signup.token-email", email, algorithm="sha256").hexdigest()[:20]


def make_token(signup: Signup, *, salt: str) -> str:
    return signing.dumps({"id": signup.pk, "e": _email_digest(signup.email)}, salt=salt)


def make_confirm_token(signup: Signup) -> str:
    return make_token(signup, salt=CONFIRM_SALT)


def make_unsubscribe_token(signup: Signup) -> str:
    return make_token(signup, salt=UNSUBSCRIBE_SALT)


def _load(token: str, *, salt: str, max_age: int) -> dict:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature as error:  # SignatureExpired is a BadSignature too
        raise InvalidToken(str(error)) from error
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        raise InvalidToken("malformed payload")
    return data


def signup_for_token(token: str, *, salt: str, queryset=None) -> Signup | None:
    """Return the signup a valid token names, None if it no longer exists.

    Raises InvalidToken for a forged or expired token.
    """
    max_age = (
        settings.SIGNUP_CONFIRM_MAX_AGE
        if salt == CONFIRM_SALT
        else settings.SIGNUP_UNSUBSCRIBE_MAX_AGE
    )
    data = _load(token, salt=salt, max_age=max_age)
    queryset = Signup.objects.all() if queryset is None else queryset
    signup = queryset.filter(pk=data["id"]).first()
    if signup is None or _email_digest(signup.email) != data.get("e"):
        return None
    return signup
