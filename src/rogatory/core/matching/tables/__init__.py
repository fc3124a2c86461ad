"""Name dictionaries used by the matching engine.

Every table in this package was written for Rogatory from general knowledge of the naming
and romanisation systems it describes (published standards, common usage); none is copied or
derived from a third-party data set. Licence: Apache-2.0, like the rest of the project.
"""
