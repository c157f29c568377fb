def test_public_home_lists_libraries(client, library_a, library_b):
    response = client.get("/")
    assert response.status_code == 200
    assert "Perpustakaan Desa Rebaq Rinding" in response.text
    assert "Perpustakaan Desa Bukit Biru" in response.text
