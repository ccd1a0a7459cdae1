/**
 * The desktop editor: JavaFX + RichTextFX views bound to view-models that talk to the sync client.
 * Nothing outside this module depends on it.
 */
package dev.tandem.app;
