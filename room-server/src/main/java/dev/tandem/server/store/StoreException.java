package dev.tandem.server.store;

/**
 * Why a {@link RoomStore} call failed. Grouped by what the caller should do:
 *
 * <ul>
 *   <li>{@link RevisionConflictException}, {@link DuplicateOpException},
 *       {@link SpentSeqException}: the caller's idea of the
 *       room's history is wrong (a bug, or two owners of one room). Nothing of the refused batch
 *       was stored. A {@code Room} discards its memory and rebuilds from storage.
 *   <li>{@link UnknownRoomException}, {@link RoomExistsException}: the room id is wrong for the
 *       call.
 *   <li>{@link StorageFailedException}: the storage itself failed (disk, database, closed store).
 *       Whether anything was stored is unknown only in the sense that it was not acknowledged;
 *       rebuild from storage and continue from what is there.
 * </ul>
 */
public abstract sealed class StoreException extends RuntimeException
    permits RevisionConflictException,
        DuplicateOpException,
        SpentSeqException,
        UnknownRoomException,
        RoomExistsException,
        StorageFailedException {

  protected StoreException(String message) {
    super(message);
  }

  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
