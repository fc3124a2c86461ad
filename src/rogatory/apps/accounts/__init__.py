"""Users, roles and API tokens. Imports directory and audit only."""
