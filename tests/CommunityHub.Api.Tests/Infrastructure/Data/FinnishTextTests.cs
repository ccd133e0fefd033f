using CommunityHub.Api.Infrastructure.Data;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

public sealed class FinnishTextTests
{
    [Fact]
    public void Sort_key_orders_the_finnish_alphabet_with_a_ring_a_umlaut_o_umlaut_after_z()
    {
        string[] names = ["Öljy", "ärrä", "Zeta", "Åland", "alfa", "äiti", "Beta", "Über", "Élan", "Østen"];
        var sorted = names.OrderBy(FinnishText.SortKey, StringComparer.Ordinal).ToArray();
        sorted.ShouldBe(["alfa", "Beta", "Élan", "Über", "Zeta", "Åland", "äiti", "ärrä", "Öljy", "Østen"]);
    }

    [Fact]
    public void Sort_key_ignores_case() => FinnishText.SortKey("äänekoski").ShouldBe(FinnishText.SortKey("ÄÄNEKOSKI"));

    [Fact]
    public void Search_key_folds_every_letter_but_keeps_a_umlaut_distinct_from_a()
    {
        FinnishText.SearchKey("äänekoski").ShouldBe(FinnishText.SearchKey("ÄÄNEKOSKI"));
        FinnishText.SearchKey("aanekoski").ShouldNotBe(FinnishText.SearchKey("äänekoski"));
        FinnishText.SearchKey("åbo").ShouldBe("ÅBO");
    }

    [Fact]
    public void Search_key_normalises_decomposed_input()
    {
        var decomposed = "a\u0308a\u0308nekoski"; // ä written as a + combining diaeresis
        FinnishText.SearchKey(decomposed).ShouldBe(FinnishText.SearchKey("äänekoski"));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_keep_their_place_in_the_sort_key()
    {
        FinnishText.SortKey("Kylä 🌲 ry").ShouldBe(FinnishText.SortKey("KYLÄ 🌲 RY"));
        FinnishText.SortKey("Kylä 🌲 ry").ShouldContain("🌲");
    }
}
