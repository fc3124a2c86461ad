"""Transport between nodes, Django-free: HTTP ports, retry policy and a fake for tests."""
