package dev.tandem.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** One test per way a delta can be malformed: typed exception, code, op index, and a clear message. */
class DeltaJsonMalformedTest {

  /** Parses {@code json}, expecting rejection; returns the exception for further checks. */
  private static MalformedDeltaException reject(String json, int opIndex, String... messageParts) {
    MalformedDeltaException e = catchThrowableOfType(MalformedDeltaException.class, () -> DeltaJson.parse(json));
    assertThat(e).as("parse(%s) must throw MalformedDeltaException", json).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_DELTA);
    assertThat(e.opIndex()).isEqualTo(opIndex);
    if (opIndex >= 0) {
      assertThat(e.getMessage()).contains("ops[" + opIndex + "]");
    }
    assertThat(e.getMessage()).contains(messageParts);
    return e;
  }

  @Test void notValidJson() {
    reject("{\"ops\":[", -1, "not valid JSON");
  }

  @Test void emptyInput() {
    reject("", -1, "not valid JSON");
  }

  @Test void trailingGarbage() {
    reject("{\"ops\":[]} x", -1, "not valid JSON");
  }

  @Test void nullInput() {
    reject(null, -1, "null");
  }

  @Test void notAnObject() {
    reject("[{\"insert\":\"a\"}]", -1, "expected an object", "an array");
  }

  @Test void missingOps() {
    reject("{}", -1, "missing \"ops\"");
  }

  @Test void unknownTopLevelKey() {
    reject("{\"ops\":[],\"x\":1}", -1, "unknown key \"x\"");
  }

  @Test void opsNotAnArray() {
    reject("{\"ops\":{\"insert\":\"a\"}}", -1, "\"ops\" must be an array", "an object");
  }

  @Test void opNotAnObject() {
    reject("{\"ops\":[{\"insert\":\"a\"},\"retain\"]}", 1, "an op must be an object", "a string");
  }

  @Test void opWithNoKind() {
    reject("{\"ops\":[{\"attributes\":{\"bold\":true}}]}", 0, "none of insert, retain, delete");
  }

  @Test void emptyOpObject() {
    reject("{\"ops\":[{}]}", 0, "none of insert, retain, delete");
  }

  @Test void opWithSeveralKinds() {
    reject("{\"ops\":[{\"retain\":1,\"delete\":1}]}", 0, "both \"retain\" and \"delete\"");
  }

  @Test void duplicateKeyInOp() {
    reject("{\"ops\":[{\"insert\":\"a\",\"insert\":\"b\"}]}", -1, "not valid JSON", "insert");
  }

  @Test void retainZero() {
    reject("{\"ops\":[{\"retain\":0}]}", 0, "retain must be a positive integer", "got 0");
  }

  @Test void retainNegative() {
    reject("{\"ops\":[{\"insert\":\"a\"},{\"retain\":-3}]}", 1, "retain must be a positive integer", "-3");
  }

  @Test void retainFractional() {
    reject("{\"ops\":[{\"retain\":1.5}]}", 0, "retain must be a positive integer", "fractional");
  }

  @Test void retainTooLargeForInt() {
    reject("{\"ops\":[{\"retain\":2147483648}]}", 0, "no larger than 2147483647", "2147483648");
  }

  @Test void retainHuge() {
    reject("{\"ops\":[{\"retain\":123456789012345678901234567890}]}", 0, "no larger than 2147483647");
  }

  @Test void retainString() {
    reject("{\"ops\":[{\"retain\":\"3\"}]}", 0, "retain must be a positive integer", "a string");
  }

  @Test void deleteZero() {
    reject("{\"ops\":[{\"delete\":0}]}", 0, "delete must be a positive integer");
  }

  @Test void deleteNegative() {
    reject("{\"ops\":[{\"delete\":-1}]}", 0, "delete must be a positive integer", "-1");
  }

  @Test void deleteFractional() {
    reject("{\"ops\":[{\"delete\":2.0}]}", 0, "delete must be a positive integer", "fractional");
  }

  @Test void deleteString() {
    reject("{\"ops\":[{\"delete\":\"2\"}]}", 0, "delete must be a positive integer", "a string");
  }

  @Test void deleteNull() {
    reject("{\"ops\":[{\"delete\":null}]}", 0, "delete must be a positive integer", "null");
  }

  @Test void deleteWithAttributes() {
    reject("{\"ops\":[{\"delete\":1,\"attributes\":{\"bold\":true}}]}", 0, "delete takes no \"attributes\"");
  }

  @Test void totalLengthOverflow() {
    reject("{\"ops\":[{\"retain\":2147483647},{\"delete\":1}]}", 1, "total length exceeds");
  }

  @Test void insertNotAString() {
    reject("{\"ops\":[{\"insert\":{\"image\":\"x.png\"}}]}", 0, "insert must be a non-empty string", "an object");
  }

  @Test void insertNumber() {
    reject("{\"ops\":[{\"insert\":5}]}", 0, "insert must be a non-empty string", "an integer");
  }

  @Test void insertNull() {
    reject("{\"ops\":[{\"insert\":null}]}", 0, "insert must be a non-empty string", "null");
  }

  @Test void insertEmpty() {
    reject("{\"ops\":[{\"insert\":\"\"}]}", 0, "insert must be a non-empty string");
  }

  @Test void attributesNotAnObject() {
    reject("{\"ops\":[{\"insert\":\"a\",\"attributes\":[\"bold\"]}]}", 0, "attributes must be an object", "an array");
  }

  @Test void attributesNull() {
    reject("{\"ops\":[{\"retain\":1,\"attributes\":null}]}", 0, "attributes must be an object", "null");
  }

  @Test void attributeValueObject() {
    reject("{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"link\":{\"href\":\"x\"}}}]}", 0,
        "attribute \"link\"", "string, boolean, number or null", "an object");
  }

  @Test void attributeValueArray() {
    reject("{\"ops\":[{\"retain\":1,\"attributes\":{\"list\":[1]}}]}", 0, "attribute \"list\"", "an array");
  }

  @Test void attributeEmptyKey() {
    reject("{\"ops\":[{\"retain\":1,\"attributes\":{\"\":true}}]}", 0, "non-empty");
  }

  @Test void nullAttributeOnInsert() {
    reject("{\"ops\":[{\"insert\":\"a\",\"attributes\":{\"bold\":null}}]}", 0,
        "attribute \"bold\" is null", "only allowed on a retain");
  }

  @Test void unknownOpKey() {
    reject("{\"ops\":[{\"retain\":1},{\"insert\":\"a\",\"bold\":true}]}", 1, "unknown key \"bold\"");
  }

  @Test void unpairedHighSurrogate() {
    reject("{\"ops\":[{\"insert\":\"a\\ud83d\"}]}", 0, "unpaired UTF-16 surrogate U+D83D at offset 1");
  }

  @Test void unpairedLowSurrogate() {
    reject("{\"ops\":[{\"insert\":\"\\ude00b\"}]}", 0, "unpaired UTF-16 surrogate U+DE00 at offset 0");
  }

  @Test void surrogatePairSplitAcrossOps() {
    // Each insert on its own holds half a pair; merging them must not make it acceptable.
    reject("{\"ops\":[{\"insert\":\"\\ud83d\"},{\"insert\":\"\\ude00\"}]}", 0, "unpaired");
  }

  @Test void fromTreeNull() {
    MalformedDeltaException e = catchThrowableOfType(MalformedDeltaException.class, () -> DeltaJson.fromTree(null));
    assertThat(e.getMessage()).contains("got nothing");
  }

  @Test void fromTreeString() {
    MalformedDeltaException e = catchThrowableOfType(MalformedDeltaException.class,
        () -> DeltaJson.fromTree(Json.MAPPER.getNodeFactory().textNode("{}")));
    assertThat(e.getMessage()).contains("expected an object", "a string");
  }
}
