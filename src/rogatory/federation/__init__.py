"""Transport between nodes, Django-free: the HTTP client port, chunking, retry policy, a fake.

Owns: ``policy`` (when to retry and when to give up, pure functions), ``chunks`` (8 MiB slices of
part files and their ``Repr-Digest``), ``transport`` (the :class:`Transport` port and its HTTP
implementation over the standard library), ``sender`` (upload every chunk, then commit) and
``fake`` (an in-memory transport for tests). Must never import Django or ``rogatory.apps``.
"""
