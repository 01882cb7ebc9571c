package io.ggen.ffi.bridge.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void splitsOnWhitespaceLikeAShell() {
        assertThat(CommandLine.split("  go   run .\t")).containsExactly("go", "run", ".");
    }

    @Test
    void singleQuotesKeepEverythingLiterally() {
        assertThat(CommandLine.split("python3 'my worker.py' '$HOME \\n'")).containsExactly("python3", "my worker.py",
            "$HOME \\n");
    }

    @Test
    void doubleQuotesDropTheBackslashOfOnlyFourCharacters() {
        assertThat(CommandLine.split("node \"a \\\"b\\\" \\\\ \\$ \\n\"")).containsExactly("node", "a \"b\" \\ $ \\n");
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(CommandLine.split("run my\\ worker x\\'y")).containsExactly("run", "my worker", "x'y");
    }

    @Test
    void quotedPartsJoinTheWordAroundThem() {
        assertThat(CommandLine.split("--flag='a b'\"c\"d ''")).containsExactly("--flag=a bcd", "");
    }

    @Test
    void shellSyntaxIsPlainText() {
        assertThat(CommandLine.split("echo $HOME | wc > out")).containsExactly("echo", "$HOME", "|", "wc", ">", "out");
    }

    @Test
    void unterminatedQuotesAndEmptyLinesAreRefused() {
        assertThatThrownBy(() -> CommandLine.split("go 'run")).hasMessageContaining("unterminated '");
        assertThatThrownBy(() -> CommandLine.split("go \"run")).hasMessageContaining("unterminated \"");
        assertThatThrownBy(() -> CommandLine.split("go \\")).hasMessageContaining("backslash ends");
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessageContaining("empty");
    }

    @Test
    void joinQuotesWhatSplitWouldBreakUp() {
        List<String> words = List.of("python3", "my worker.py", "it's", "");
        assertThat(CommandLine.split(CommandLine.join(words))).isEqualTo(words);
    }
}
