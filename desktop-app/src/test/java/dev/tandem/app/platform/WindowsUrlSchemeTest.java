package dev.tandem.app.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The registry file Tandem imports on Windows (the import itself only runs on Windows). */
class WindowsUrlSchemeTest {
  @Test
  void mapsTheSchemeToTheLauncherWithTheLinkAsItsArgument() {
    String file = WindowsUrlScheme.registryFile("C:\\Program Files\\Tandem\\Tandem.exe");
    assertThat(file.split("\r\n")).containsExactly(
        "Windows Registry Editor Version 5.00",
        "",
        "[HKEY_CURRENT_USER\\Software\\Classes\\tandem]",
        "@=\"URL:Tandem room link\"",
        "\"URL Protocol\"=\"\"",
        "",
        "[HKEY_CURRENT_USER\\Software\\Classes\\tandem\\DefaultIcon]",
        "@=\"\\\"C:\\\\Program Files\\\\Tandem\\\\Tandem.exe\\\",0\"",
        "",
        "[HKEY_CURRENT_USER\\Software\\Classes\\tandem\\shell\\open\\command]",
        "@=\"\\\"C:\\\\Program Files\\\\Tandem\\\\Tandem.exe\\\" \\\"%1\\\"\"");
  }

  @Test
  void escapesQuotesAndBackslashesInValues() {
    assertThat(WindowsUrlScheme.quoted("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
  }
}
