/**
 * Single instance: the first Tandem process of a user owns a local (Unix domain) socket; a later
 * start hands its room link to that process, which opens it in a new window, and exits.
 */
package dev.tandem.app.instance;
