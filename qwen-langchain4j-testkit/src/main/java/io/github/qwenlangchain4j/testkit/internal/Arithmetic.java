package io.github.qwenlangchain4j.testkit.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline code interpreter: Python code for the simple sums a question asks ("12 cubed", "2 to the power of
 * 10", "7 times 6", "3 + 4") and what it prints; a canned print when the question has no sum in it.
 *
 * @param code the code the mock "ran"
 * @param logs what it printed, with the trailing newline
 */
record Arithmetic(String code, String logs) {

    private static final String NUMBER = "(-?\\d+(?:\\.\\d+)?)";
    private static final Pattern POWER_WORD = Pattern.compile(NUMBER + "\\s*(squared|cubed)");
    private static final Pattern POWER = Pattern.compile(NUMBER + "\\s*(?:\\*\\*|\\^|to the power of)\\s*" + NUMBER);
    private static final Pattern BINARY =
            Pattern.compile(NUMBER + "\\s*(\\+|-|\\*|/|x|×|plus|minus|times|multiplied by|divided by)\\s*" + NUMBER);

    static Arithmetic of(String question) {
        String text = question.toLowerCase(Locale.ROOT);
        Matcher matcher = POWER_WORD.matcher(text);
        if (matcher.find()) {
            return power(matcher.group(1), matcher.group(2).equals("squared") ? "2" : "3");
        }
        matcher = POWER.matcher(text);
        if (matcher.find()) {
            return power(matcher.group(1), matcher.group(2));
        }
        matcher = BINARY.matcher(text);
        if (matcher.find()) {
            BigDecimal a = new BigDecimal(matcher.group(1));
            BigDecimal b = new BigDecimal(matcher.group(3));
            String operator = switch (matcher.group(2)) {
                case "+", "plus" -> "+";
                case "-", "minus" -> "-";
                case "/", "divided by" -> "/";
                default -> "*";
            };
            BigDecimal result = switch (operator) {
                case "+" -> a.add(b);
                case "-" -> a.subtract(b);
                case "/" -> b.signum() == 0 ? null : a.divide(b, 10, java.math.RoundingMode.HALF_EVEN);
                default -> a.multiply(b);
            };
            String printed = result == null ? "ZeroDivisionError: division by zero" : format(result);
            return new Arithmetic(
                    "print(" + matcher.group(1) + " " + operator + " " + matcher.group(3) + ")", printed + "\n");
        }
        return new Arithmetic(
                "print(\"Hello from the offline code interpreter\")", "Hello from the offline code interpreter\n");
    }

    private static Arithmetic power(String base, String exponent) {
        BigDecimal a = new BigDecimal(base);
        BigDecimal b = new BigDecimal(exponent);
        String printed;
        if (b.scale() <= 0 && b.signum() >= 0 && b.intValueExact() <= 64) {
            printed = format(a.pow(b.intValueExact()));
        } else {
            printed = format(BigDecimal.valueOf(Math.pow(a.doubleValue(), b.doubleValue())));
        }
        return new Arithmetic("print(" + base + " ** " + exponent + ")", printed + "\n");
    }

    /** As Python prints it: integers without a decimal point, other numbers without trailing zeros. */
    private static String format(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /** The printed result without the newline. */
    String result() {
        return logs.strip();
    }
}
