package io.cocsync.conformance.checks;

/** What the kit may do to the deployment. */
public enum Mode {
    /** Lists, counts and refusals of invalid input only: safe against production. */
    READ_ONLY("read-only"),
    /** Also registers, syncs, updates and deletes accounts of its own, under a unique prefix. */
    FULL("full");

    private final String flag;

    Mode(String flag) {
        this.flag = flag;
    }

    public String flag() {
        return flag;
    }

    /** Whether a check written for {@code needed} runs in this mode. */
    public boolean runs(Mode needed) {
        return this == FULL || needed == READ_ONLY;
    }

    public static Mode ofFlag(String flag) {
        for (Mode mode : values()) {
            if (mode.flag.equals(flag)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown mode " + flag + " (read-only or full)");
    }
}
