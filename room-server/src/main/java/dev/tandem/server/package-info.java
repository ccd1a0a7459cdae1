/**
 * The room server: one authoritative {@code Room} per room id (single-threaded, durable before
 * acknowledged), its storage, and the WebSocket and HTTP endpoints. Embeddable and standalone.
 */
package dev.tandem.server;
