package dev.tandem.server.http;

/**
 * The page a shared web link shows: how to open the room in Tandem, and where to get Tandem. The
 * key stays in the URL fragment, read by a line of script to build the {@code tandem://} link
 * ({@link RoomLinks#appLink}: with {@code &tls=1} when the page was served over https); the page
 * holds no document content.
 */
final class LandingPage {
  private LandingPage() {}

  static String html(String base, String roomId) {
    String appLink = RoomLinks.appLinkWithoutKey(base, roomId);
    String tls = RoomLinks.tlsParameter(base);
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>Join a Tandem room</title>
        <style>
          body{font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}
          a.button{display:inline-block;padding:.7rem 1.2rem;background:#3b5bdb;color:#fff;border-radius:.4rem;text-decoration:none}
          code{background:#f1f3f5;padding:.1rem .3rem;border-radius:.2rem;word-break:break-all}
        </style></head>
        <body>
        <h1>You're invited to write together</h1>
        <p>This link opens a shared document in <strong>Tandem</strong>, the desktop editor for writing together.</p>
        <p><a class="button" id="open" href="%1$s">Open in Tandem</a></p>
        <p>Don't have Tandem yet? Install it (Linux .deb/.rpm, Windows, macOS) from whoever runs this
        server, then come back and press the button. You can also paste this page's address into
        Tandem's <em>Join a room</em> dialog.</p>
        <p>App link: <code id="link">%1$s</code></p>
        <script>
          var key = new URLSearchParams(location.hash.slice(1)).get('key');
          if (key && /^[a-z2-7]{26}$/.test(key)) {
            var link = '%1$s?key=' + key + '%2$s';
            document.getElementById('open').href = link;
            document.getElementById('link').textContent = link;
          }
        </script>
        </body></html>
        """.formatted(appLink, tls);
  }
}
