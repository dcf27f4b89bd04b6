def test_favicon_ico_points_at_the_site_icon(client):
    # The admin names no icon, so browsers ask for /favicon.ico there.
    response = client.get("/favicon.ico")
    # Temporary: the icon's hashed name changes with every deployment.
    assert response.status_code == 302
    assert response.url == "/static/favicon.svg"
