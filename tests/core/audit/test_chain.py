from dataclasses import replace

from rogatory.core.audit.chain import GENESIS, ChainEvent, ChainFault, event_hash, verify


def _chain(n: int) -> list[ChainEvent]:
    events, prev = [], GENESIS
    for i in range(1, n + 1):
        payload = {"seq": i, "action": "case.update", "changes": {"title": f"t{i}"}}
        h = event_hash(prev, payload)
        events.append(ChainEvent(seq=i, prev_hash=prev, hash=h, payload=payload))
        prev = h
    return events


def test_an_intact_chain_verifies() -> None:
    events = _chain(5)
    assert verify(events, head_seq=5, head_hash=events[-1].hash) == (5, None)


def test_an_edited_payload_is_caught_at_its_event() -> None:
    events = _chain(5)
    events[2] = replace(events[2], payload={**events[2].payload, "changes": {"title": "x"}})
    _, fault = verify(events, head_seq=5, head_hash=events[-1].hash)
    assert fault is not None
    assert (fault.seq, fault.problem) == (3, "content does not match its hash")


def test_a_deleted_tail_is_caught_by_the_head() -> None:
    events = _chain(5)
    _, fault = verify(events[:4], head_seq=5, head_hash=events[-1].hash)
    assert fault is not None
    assert fault.seq == 5


def test_a_missing_or_moved_event_is_reported_at_the_position_it_leaves_wrong() -> None:
    # given a chain of 5 whose event 2 was deleted, or swapped with event 4
    events = _chain(5)
    deleted = [events[0], *events[2:]]
    swapped = [events[0], events[3], events[2], events[1], events[4]]
    # when verified, then the first bad position is 2 in both cases
    _, fault = verify(deleted, head_seq=5, head_hash=events[-1].hash)
    assert fault == ChainFault(2, "sequence gap: found 3")
    _, fault = verify(swapped, head_seq=5, head_hash=events[-1].hash)
    assert fault == ChainFault(2, "sequence gap: found 4")
