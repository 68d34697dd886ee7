"""Accounts: users, pilots, memberships and invitations, language, second factor and sessions."""
