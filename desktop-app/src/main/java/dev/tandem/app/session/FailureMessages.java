package dev.tandem.app.session;

import dev.tandem.sync.SyncError;

/**
 * Turns every failure a person can meet into a sentence that says what happened and what to do.
 * Never a stack trace, never a protocol code on its own.
 */
public final class FailureMessages {
  private FailureMessages() {}

  public static final String BAD_LINK =
      "That doesn't look like a Tandem room link. Links start with tandem:// or https:// and contain "
          + "a room id and a key — ask for the link again and paste all of it.";

  public static String unreachable(String host, int port) {
    return "Can't reach the room's computer at " + host + ":" + port + ". Check that it is on, that "
        + "Tandem is running there and that you're on the same network, then try again.";
  }

  /** One or two sentences for an error the session reported. */
  public static String describe(SyncError error) {
    if (error.protocolCode().isEmpty()) {
      return switch (error.code()) {
        case "edits-discarded" -> "The room had changed too much while you were away, so your unsent edits could not be merged and were dropped.";
        case "op-rejected" -> "The room refused your last edit, so it was undone here.";
        case "journal-corrupt" -> "Part of this room's offline journal was damaged; the readable part was kept.";
        case "journal-failed" -> error.fatal()
            ? "Tandem could not open this room's offline copy on disk, so the room was not opened. Check free disk space and permissions, then try again."
            : "Tandem could not write your edits to disk. You can keep writing and your edits still reach the room, "
                + "but until you reopen it they are not safe if Tandem or the computer stops. Check free disk space.";
        case "invalid-edit" -> "An edit did not fit the document and was ignored.";
        case "journal-locked" -> "This room is already open in another Tandem window on this computer. Use that window, or close it first.";
        default -> "Something went wrong while talking to the room. Try again in a moment.";
      };
    }
    return switch (error.protocolCode().get()) {
      case UNKNOWN_ROOM -> "This room doesn't exist (or no longer exists) on that server. Check the link.";
      case BAD_KEY -> "The key in this link doesn't open this room. Ask the room's owner for a new link.";
      case KEY_REVOKED -> "The room's owner changed the keys, so this link stopped working. Ask for a new link.";
      case REMOVED -> "The room's owner removed you from this room.";
      case UNKNOWN_PEER -> "That person had already left the room.";
      case ROOM_FULL -> "This room is full. Try again later, or ask someone to leave.";
      case FORBIDDEN -> "This room is read-only for you: your link lets you read and chat, not edit.";
      case DOC_TOO_LARGE -> "That change would make the document too large for this room, so it was undone. "
          + "Split the document or remove some text.";
      case CHAT_TOO_LONG -> "That message is too long to send. Shorten it and try again.";
      case UNSUPPORTED_VERSION -> "This room's server speaks a different version of Tandem. Update Tandem on both computers.";
      case REPLACED -> "This document was opened again somewhere else with the same identity; this window stopped.";
      case STORAGE_FAILED, INTERNAL -> "The room's server had a problem. Tandem is reconnecting; your edits are kept.";
      case SHUTTING_DOWN -> "The room's server is restarting. Tandem is reconnecting; your edits are kept.";
      case RATE_LIMITED, SLOW_CONSUMER -> "The connection was too busy. Tandem is reconnecting; your edits are kept.";
      case FRAME_TOO_LARGE -> "That change was too large to send in one piece. Try pasting less at a time.";
      default -> "The room's server refused a message (" + error.code() + "). If this keeps happening, reopen the room.";
    };
  }
}
