"""Videoconference hearings, pure rules: kinds with their legal basis, the safeguard steps in
their order, scheduling across time zones, invitations and the providers' pure parts."""
