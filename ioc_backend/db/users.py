"""Creating user accounts (used by demo seeding and ``ioc-backend --add-user``)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ioc_backend.db import models
from ioc_backend.security import hash_password
from ioc_backend.timeutil import utcnow
from ioc_domain.roles import ROLES


class UserError(ValueError):
    pass


def create_user(session: Session, username: str, password: str, role: str, full_name: str = "") -> models.User:
    """Add an account; the password is stored only as an Argon2id hash."""
    if role not in ROLES:
        raise UserError(f"unknown role '{role}' (choose from {', '.join(ROLES)})")
    if not username or len(username) > 64:
        raise UserError("username must be 1..64 characters")
    if len(password) < 8:
        raise UserError("password must be at least 8 characters")
    if session.execute(select(models.User).where(models.User.username == username)).scalar_one_or_none():
        raise UserError(f"user '{username}' already exists")
    user = models.User(
        username=username,
        full_name=full_name or username,
        role=role,
        password_hash=hash_password(password),
        active=True,
        created_at=utcnow(),
    )
    session.add(user)
    session.flush()
    return user
