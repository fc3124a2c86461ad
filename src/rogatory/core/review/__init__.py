"""The CTOC Implementation Review Mechanism as data and pure rules (COP resolution 9/1, annex:
Procedures and rules for the functioning of the Mechanism; launched by resolution 10/1).

Django-free: the review app stores what these functions compute.
"""
