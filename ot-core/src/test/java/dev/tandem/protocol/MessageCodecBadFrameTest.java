package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** One test per way a frame can be bad: the exception's code and a message naming the problem. */
class MessageCodecBadFrameTest {
  static final String ID = Ids.random();
  static final String USER = "\"user\":{\"name\":\"Ana\",\"color\":\"#e91e63\"}";

  private static ProtocolException clientFrame(String frame, ErrorCode code, String... parts) {
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> MessageCodec.decodeClient(frame));
    assertThat(e).as("decodeClient(%s) must throw", frame).isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).contains(parts);
    return e;
  }

  private static ProtocolException serverFrame(String frame, ErrorCode code, String... parts) {
    ProtocolException e = catchThrowableOfType(ProtocolException.class, () -> MessageCodec.decodeServer(frame));
    assertThat(e).as("decodeServer(%s) must throw", frame).isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
    assertThat(e.getMessage()).contains(parts);
    return e;
  }

  @Test void invalidJson() {
    clientFrame("{\"type\":\"chat\",", ErrorCode.INVALID_JSON, "invalid JSON");
    serverFrame("not json", ErrorCode.INVALID_JSON, "invalid JSON");
  }

  @Test void emptyFrame() {
    clientFrame("", ErrorCode.INVALID_JSON, "empty");
    clientFrame(null, ErrorCode.INVALID_JSON, "null");
  }

  @Test void trailingGarbage() {
    clientFrame("{\"type\":\"chat\",\"text\":\"a\"}{}", ErrorCode.INVALID_JSON, "invalid JSON");
  }

  @Test void duplicateKeys() {
    clientFrame("{\"type\":\"chat\",\"text\":\"a\",\"text\":\"b\"}", ErrorCode.INVALID_JSON, "text");
  }

  @Test void duplicateAttributeKeysInAnOpFrameAsClientsWriteIt() {
    // The compact op frame every client sends goes through PlainOpDecoder first: a repeated
    // attribute key must still be invalid JSON there, not "the last one wins".
    clientFrame("{\"type\":\"op\",\"base\":0,\"seq\":1,\"delta\":{\"ops\":[{\"insert\":\"a\","
        + "\"attributes\":{\"bold\":true,\"bold\":false}}]}}", ErrorCode.INVALID_JSON, "bold");
    clientFrame("{\"type\":\"op\",\"base\":0,\"seq\":1,\"delta\":{\"ops\":[{\"retain\":1,"
        + "\"attributes\":{\"link\":\"a\",\"link\":\"b\"}}]}}", ErrorCode.INVALID_JSON, "link");
  }

  @Test void notAnObject() {
    clientFrame("[\"chat\"]", ErrorCode.BAD_FRAME, "must be a JSON object", "an array");
    serverFrame("42", ErrorCode.BAD_FRAME, "must be a JSON object", "an integer");
  }

  @Test void missingType() {
    clientFrame("{\"text\":\"hi\"}", ErrorCode.UNKNOWN_TYPE, "no \"type\"");
  }

  @Test void typeNotAString() {
    clientFrame("{\"type\":7}", ErrorCode.UNKNOWN_TYPE, "\"type\" must be a string");
  }

  @Test void unknownType() {
    clientFrame("{\"type\":\"dance\"}", ErrorCode.UNKNOWN_TYPE, "unknown client message type \"dance\"");
    serverFrame("{\"type\":\"hello\"}", ErrorCode.UNKNOWN_TYPE, "unknown server message type \"hello\"");
  }

  @Test void missingRequiredField() {
    clientFrame("{\"type\":\"chat\"}", ErrorCode.BAD_FRAME, "chat: missing required field \"text\"");
    clientFrame("{\"type\":\"op\",\"seq\":1,\"base\":0}", ErrorCode.BAD_FRAME, "missing required field \"delta\"");
    serverFrame("{\"type\":\"ack\",\"seq\":1}", ErrorCode.BAD_FRAME, "ack: missing required field \"rev\"");
  }

  @Test void missingNestedField() {
    clientFrame("{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\"" + ID
        + "\",\"user\":{\"name\":\"Ana\"}}", ErrorCode.BAD_FRAME, "hello.user: missing required field \"color\"");
  }

  @Test void wrongFieldType() {
    clientFrame("{\"type\":\"op\",\"base\":\"0\",\"seq\":1,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME,
        "op.base must be an integer", "a string");
    clientFrame("{\"type\":\"chat\",\"text\":true}", ErrorCode.BAD_FRAME, "chat.text must be a string", "a boolean");
    serverFrame("{\"type\":\"error\",\"code\":\"internal\",\"message\":\"x\",\"fatal\":\"yes\"}", ErrorCode.BAD_FRAME,
        "error.fatal must be a boolean");
  }

  @Test void nullForRequiredField() {
    clientFrame("{\"type\":\"chat\",\"text\":null}", ErrorCode.BAD_FRAME, "chat.text must be a string", "null");
  }

  @Test void numberOutOfRange() {
    clientFrame("{\"type\":\"op\",\"base\":-1,\"seq\":1,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME, "op.base", "-1");
    clientFrame("{\"type\":\"op\",\"base\":0,\"seq\":0,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME, "op.seq", "1..");
    clientFrame("{\"type\":\"op\",\"base\":9007199254740992,\"seq\":1,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME,
        "op.base must be an integer in 0..9007199254740991");
    clientFrame("{\"type\":\"op\",\"base\":1.5,\"seq\":1,\"delta\":{\"ops\":[]}}", ErrorCode.BAD_FRAME,
        "op.base", "a fractional number");
  }

  @Test void badRange() {
    clientFrame("{\"type\":\"presence\",\"base\":0,\"ranges\":[{\"anchor\":0,\"head\":-2}]}", ErrorCode.BAD_FRAME,
        "presence.ranges[0].head");
    clientFrame("{\"type\":\"presence\",\"base\":0,\"ranges\":[3]}", ErrorCode.BAD_FRAME,
        "presence.ranges[0] must be an object");
  }

  @Test void badClientId() {
    clientFrame("{\"type\":\"remove\",\"clientId\":\"bob\"}", ErrorCode.BAD_FRAME, "remove.clientId must be 26 characters");
  }

  @Test void badUserColor() {
    clientFrame("{\"type\":\"hello\",\"v\":1,\"room\":\"r\",\"key\":\"k\",\"clientId\":\"" + ID
        + "\",\"user\":{\"name\":\"Ana\",\"color\":\"red\"}}", ErrorCode.BAD_FRAME, "user.color must look like #rrggbb");
  }

  @Test void unknownRole() {
    clientFrame("{\"type\":\"rotate-keys\",\"roles\":[\"owner\"]}", ErrorCode.BAD_FRAME, "unknown role \"owner\"");
    clientFrame("{\"type\":\"rotate-keys\",\"roles\":[]}", ErrorCode.BAD_FRAME, "at least one role");
  }

  @Test void badDeltaCarriesSeq() {
    ProtocolException e = clientFrame("{\"type\":\"op\",\"base\":0,\"seq\":7,\"delta\":{\"ops\":[{\"retain\":0}]}}",
        ErrorCode.BAD_DELTA, "bad delta", "ops[0]", "retain must be a positive integer");
    assertThat(e.seq()).hasValue(7);
    assertThat(e.toErrorMessage().seq()).hasValue(7);
    assertThat(e.toErrorMessage().fatal()).isFalse();
  }

  @Test void deltaNotAnObject() {
    clientFrame("{\"type\":\"op\",\"base\":0,\"seq\":2,\"delta\":\"+hi\"}", ErrorCode.BAD_DELTA, "expected an object");
  }

  @Test void badDeltaInServerOps() {
    serverFrame("{\"type\":\"ops\",\"ops\":[{\"rev\":1,\"clientId\":\"c\",\"seq\":1,\"delta\":{\"ops\":[{\"delete\":-1}]}}]}",
        ErrorCode.BAD_DELTA, "delete must be a positive integer");
  }

  @Test void unsupportedVersion() {
    ProtocolException e = clientFrame("{\"type\":\"hello\",\"v\":2}", ErrorCode.UNSUPPORTED_VERSION,
        "protocol version 2 is not supported");
    assertThat(e.toErrorMessage().fatal()).isTrue();
  }

  @Test void versionNotAnInteger() {
    clientFrame("{\"type\":\"hello\",\"v\":\"1\"}", ErrorCode.BAD_FRAME, "hello.v must be an integer");
  }

  @Test void welcomeWithBothDocAndOps() {
    serverFrame("{\"type\":\"welcome\",\"rev\":0,\"doc\":{\"ops\":[]},\"ops\":[],"
        + "\"you\":{\"clientId\":\"c\"," + USER + ",\"role\":\"edit\"},\"peers\":[],\"chat\":[],"
        + "\"limits\":{\"maxFrameBytes\":1,\"maxDocLength\":1,\"maxClients\":1,\"maxFramesPerSecond\":1,\"maxChatLength\":1}}",
        ErrorCode.BAD_FRAME, "exactly one of doc and ops");
  }

  @Test void unknownErrorCode() {
    serverFrame("{\"type\":\"error\",\"code\":\"oops\",\"message\":\"x\",\"fatal\":true}", ErrorCode.BAD_FRAME,
        "\"oops\" is not a known error code");
  }

  @Test void emptyOps() {
    serverFrame("{\"type\":\"ops\",\"ops\":[]}", ErrorCode.BAD_FRAME, "ops must not be empty");
  }
}
