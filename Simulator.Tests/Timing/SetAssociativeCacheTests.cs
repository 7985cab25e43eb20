using FluentAssertions;
using M7Sim.Timing;
using Xunit;

namespace M7Sim.Tests.Timing;

/// <summary>
/// The cache's tag store keeps exact LRU order per set although it skips re-stamping a set's most recent line
/// (the replay's quick D-cache test relies on that line being found without a lookup).
/// </summary>
public class SetAssociativeCacheTests
{
    private const int Line = 32;

    [Fact]
    public void Hits_on_the_most_recent_line_keep_the_least_recent_one_the_victim()
    {
        var cache = new SetAssociativeCache(2 * Line, ways: 2, lineBytes: Line); // one set, two ways
        uint a = 0x2000_0000, b = a + Line, c = a + 2 * Line;
        cache.Access(a, true, false, out _).Should().BeFalse();
        cache.Access(b, true, false, out _).Should().BeFalse();
        cache.Access(b, true, false, out _).Should().BeTrue();
        cache.Access(a, true, false, out _).Should().BeTrue();
        cache.Access(a + 4, true, false, out _).Should().BeTrue();
        cache.Access(c, true, false, out _).Should().BeFalse(); // evicts b, used before a
        cache.Contains(a).Should().BeTrue();
        cache.Contains(b).Should().BeFalse();
    }

    [Fact]
    public void Most_recent_test_names_only_the_line_its_set_used_last()
    {
        var cache = new SetAssociativeCache(4 * 2 * Line, ways: 2, lineBytes: Line); // four sets
        uint a = 0x2000_0000, b = a + 4 * Line /* same set */, other = a + Line /* next set */;
        cache.Access(a, true, false, out _);
        cache.Access(b, true, false, out _);
        cache.Access(other, true, false, out _);
        cache.HitsMostRecent(b).Should().BeTrue("b is the last line its set used");
        cache.HitsMostRecent(a).Should().BeFalse("a is present but not its set's most recent");
        cache.HitsMostRecent(other).Should().BeTrue();
        cache.InvalidateAll();
        cache.HitsMostRecent(b).Should().BeFalse("nothing is present after an invalidation");
        cache.HitsMostRecent(other).Should().BeFalse();
    }

    [Theory]
    [InlineData(4 * 1024, 4)] // the D-cache
    [InlineData(4 * 1024, 2)] // the I-cache
    [InlineData(8 * Line, 8)] // fully associative
    public void Hits_misses_and_dirty_evictions_match_a_plain_LRU_model(int size, int ways)
    {
        var cache = new SetAssociativeCache(size, ways, Line);
        int sets = size / (ways * Line);
        var reference = new List<(uint Line, bool Dirty)>[sets];
        for (int i = 0; i < sets; i++) reference[i] = new();
        var rng = new Random(7);
        for (int n = 0; n < 50_000; n++)
        {
            // Mostly a small window (many re-hits of the same line), sometimes a wider one (evictions).
            uint address = 0x2000_0000 + (uint)(rng.Next(4) == 0 ? rng.Next(size * 3) : rng.Next(size / 4));
            bool write = rng.Next(3) == 0;
            bool allocate = rng.Next(8) != 0;
            bool quick = cache.HitsMostRecent(address);

            uint line = address / Line;
            var set = reference[line % (uint)sets];
            int at = set.FindIndex(e => e.Line == line);
            bool expectHit = at >= 0, expectDirtyEviction = false;
            if (expectHit)
            {
                var e = set[at];
                set.RemoveAt(at);
                set.Add((line, e.Dirty || write));
            }
            else if (allocate)
            {
                if (set.Count == ways)
                {
                    expectDirtyEviction = set[0].Dirty;
                    set.RemoveAt(0);
                }
                set.Add((line, write));
            }
            bool mostRecentBefore = expectHit && at == set.Count - 1;

            bool hit = cache.Access(address, allocate, write, out bool evictedDirty);
            hit.Should().Be(expectHit, $"access {n} to {address:X8}");
            evictedDirty.Should().Be(expectDirtyEviction, $"access {n} to {address:X8}");
            if (quick) mostRecentBefore.Should().BeTrue($"access {n}: HitsMostRecent said its set used {address:X8} last");
        }
    }
}
