package dev.crema.examples.web;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * Turns a client's text frame into a {@link Command}, or says precisely what is wrong with it: too large, not
 * JSON (or not one JSON object), no or an unknown {@code cmd}, a missing, unknown or out-of-range field. Jackson
 * parses; duplicate keys and trailing content are refused. Immutable and thread-safe.
 */
final class CommandParser {

    /** Why a frame is not a command: {@code code} is stable for programs, {@code getMessage()} is for people. */
    static final class BadCommand extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        BadCommand(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Set<String> KNOWN = Set.of("open", "burn", "addBarista", "close");

    private final int maxBytes;

    CommandParser(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    Command parse(String text) throws BadCommand {
        // a char is at most 3 UTF-8 bytes: count the bytes only when it could matter
        if (text.length() > maxBytes || (text.length() * 3 > maxBytes
                && text.getBytes(StandardCharsets.UTF_8).length > maxBytes)) {
            throw new BadCommand("too-large", "a command is at most " + maxBytes + " bytes");
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new BadCommand("bad-json", "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadCommand("bad-json", "a command is a JSON object such as {\"cmd\":\"open\"}");
        }
        JsonNode cmd = node.get("cmd");
        if (cmd == null || !cmd.isTextual()) {
            throw new BadCommand("bad-command", "a command needs \"cmd\", one of " + known());
        }
        String name = cmd.textValue();
        if (!KNOWN.contains(name)) {
            throw new BadCommand("bad-command", "unknown command '" + clip(name) + "': known are " + known());
        }
        Command c = switch (name) {
            case "open" -> new Command.Open();
            case "burn" -> new Command.Burn(rate(node.get("rate")));
            case "addBarista" -> new Command.AddBarista();
            default -> new Command.Close();
        };
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!field.equals("cmd") && !(c instanceof Command.Burn && field.equals("rate"))) {
                throw new BadCommand("bad-field", "'" + name + "' takes no field '" + clip(field) + "'");
            }
        }
        return c;
    }

    private static int rate(JsonNode rate) throws BadCommand {
        if (rate == null) {
            throw new BadCommand("bad-field", "'burn' needs \"rate\", a whole number from 0 to 100");
        }
        if (!rate.isIntegralNumber() || !rate.canConvertToInt() || rate.intValue() < 0 || rate.intValue() > 100) {
            throw new BadCommand("bad-field", "\"rate\" must be a whole number from 0 to 100, got " + clip(rate.toString()));
        }
        return rate.intValue();
    }

    private static String known() {
        return "open, burn, addBarista, close";
    }

    /** Echoes at most 40 characters of what the client sent. */
    private static String clip(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
