/**
 * Operating-system integration that jpackage cannot declare: the {@code tandem://} scheme on
 * Windows (registered per user at start-up) and link events on macOS (delivered as Apple events,
 * not as arguments). Linux needs none of this: the desktop entry declares the scheme and passes
 * the link as an argument.
 */
package dev.tandem.app.platform;
