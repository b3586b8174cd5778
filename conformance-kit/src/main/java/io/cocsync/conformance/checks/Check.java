package io.cocsync.conformance.checks;

/**
 * One check of the kit. Its name, {@code Operation.whatHolds}, is what the reports and a failing
 * run name.
 *
 * @param name the operation (or {@code Http}, {@code Auth}) and what must hold, e.g.
 *     {@code ListVendorAccount.pagingByMarkerAndOffsetAgree}
 * @param mode the least mode the check needs
 * @param summary what the check proves, one sentence
 * @param body the check itself: throws an {@link AssertionError} when the deployment fails it
 */
public record Check(String name, Mode mode, String summary, Body body) {

    /** The check's work, against the deployment the context speaks to. */
    @FunctionalInterface
    public interface Body {
        void run(CheckContext context) throws Exception;
    }

    /** The operation or subject a check is about: its name up to the first dot. */
    public String subject() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    /** Thrown by a check that has nothing to check (for example no data in read-only mode). */
    public static final class Skipped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Skipped(String reason) {
            super(reason, null, false, false);
        }
    }
}
