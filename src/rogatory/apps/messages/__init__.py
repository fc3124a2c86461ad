"""Parts of the one message table (rogatory.apps.errors.MESSAGES), one file per area so that
each area's codes sit beside each other; errors.py assembles them."""
