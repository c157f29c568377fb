"""The hybrid logical clock that orders changes across nodes."""

from pustaka.core.clock import COUNTER_BITS, HybridLogicalClock, physical_ms


class FakeWall:
    """A wall clock the test sets by hand, in Unix milliseconds."""

    def __init__(self, millis: int):
        self.millis = millis

    def __call__(self) -> int:
        return self.millis


def test_clock_values_carry_the_wall_time():
    clock = HybridLogicalClock(wall=FakeWall(1_772_416_800_000))
    value = clock.now()
    assert value == 1_772_416_800_000 << COUNTER_BITS
    assert physical_ms(value) == 1_772_416_800_000


def test_clock_counts_up_within_one_millisecond():
    clock = HybridLogicalClock(wall=FakeWall(1_000))
    values = [clock.now() for _ in range(3)]
    assert values == [1_000 << 16, (1_000 << 16) + 1, (1_000 << 16) + 2]


def test_clock_never_goes_back_when_the_wall_clock_does():
    # given a clock that issued a value at 10:00:05
    wall = FakeWall(1_772_416_805_000)
    clock = HybridLogicalClock(wall=wall)
    before = clock.now()
    # when the wall clock is set back five seconds
    wall.millis = 1_772_416_800_000
    after = [clock.now(), clock.now()]
    # then the clock keeps counting on from the last value
    assert after == [before + 1, before + 2]
    assert physical_ms(after[-1]) == 1_772_416_805_000


def test_clock_jumps_ahead_of_an_observed_remote_value():
    # given a node whose wall clock is a minute behind another's
    clock = HybridLogicalClock(wall=FakeWall(1_772_416_800_000))
    remote = (1_772_416_860_000 << COUNTER_BITS) + 7
    # when it observes the other node's value
    merged = clock.observe(remote)
    # then its next values are after the remote one
    assert merged == remote + 1
    assert clock.now() == remote + 2


def test_clock_ignores_an_observed_value_from_the_past():
    clock = HybridLogicalClock(wall=FakeWall(2_000))
    assert clock.observe(1_000 << COUNTER_BITS) == 2_000 << COUNTER_BITS


def test_seeded_clock_issues_values_after_the_seed():
    clock = HybridLogicalClock(wall=FakeWall(1_000))
    clock.seed(5_000 << COUNTER_BITS)
    assert clock.now() == (5_000 << COUNTER_BITS) + 1
