"""Static assets ship with the package (offline: no CDN)."""


def test_stylesheet_and_htmx_are_served_from_the_package(client):
    for path in ("/static/nonprolif/app.css", "/static/nonprolif/vendor/htmx-2.0.11.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content if response.streaming else [response.content])
