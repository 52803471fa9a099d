from campaignlint.text import fold, fold_with_offsets


def test_fold_with_offsets_maps_folded_matches_back_to_the_original() -> None:
    text = "Senaryo BİREBİR OKUNACAK; don’t"
    folded, offsets = fold_with_offsets(text)
    assert folded == fold(text.replace("’", "'"))
    assert len(offsets) == len(folded) + 1
    start = folded.index("birebir okunacak")
    end = start + len("birebir okunacak")
    assert text[offsets[start] : offsets[end]] == "BİREBİR OKUNACAK"
    assert "don't" in folded


def test_fold_with_offsets_handles_decomposed_accents_and_expansions() -> None:
    text = "Cafe\u0301 Straße"
    folded, offsets = fold_with_offsets(text)
    assert folded == "cafe strasse"
    start = folded.index("strasse")
    assert text[offsets[start] : offsets[len(folded)]] == "Straße"
