package dev.openapimcp.runtime.internal.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

  private final MemoryBudget budget = MemoryBudget.of(100, Duration.ZERO);

  @Test
  void chargesFitUntilTheBudgetIsUsedAndReleasingGivesRoomBack() {
    MemoryBudget.Account first = budget.open();
    MemoryBudget.Account second = budget.open();

    assertThat(first.tryCharge(60)).isTrue();
    assertThat(second.tryCharge(50)).isFalse();
    assertThat(second.tryCharge(40)).isTrue();
    assertThat(budget.used()).isEqualTo(100);

    first.release(30);
    assertThat(second.tryCharge(30)).isTrue();
    assertThat(second.held()).isEqualTo(70);

    first.close();
    second.close();
    assertThat(budget.used()).isZero();
    assertThat(first.held()).isZero();
  }

  @Test
  void aCallHoldingAllThatIsUsedMayExceedTheBudgetSoHugeAnswersStillGoAlone() {
    MemoryBudget.Account alone = budget.open();
    MemoryBudget.Account other = budget.open();

    assertThat(alone.tryCharge(150)).isTrue();
    assertThat(alone.tryCharge(50)).isTrue();
    assertThat(other.tryCharge(1)).isFalse();

    alone.close();
    assertThat(other.tryCharge(1)).isTrue();
    assertThat(alone.tryCharge(150)).isFalse();
  }

  @Test
  void chargeWaitsForRoomUpToTheBudgetsWait() throws Exception {
    MemoryBudget patient = MemoryBudget.of(100, Duration.ofMinutes(5));
    MemoryBudget.Account holder = patient.open();
    assertThat(holder.tryCharge(100)).isTrue();
    MemoryBudget.Account waiter = patient.open();

    CompletableFuture<Boolean> charged = CompletableFuture.supplyAsync(() -> {
      try {
        return waiter.charge(80);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
    holder.close();

    assertThat(charged.get(60, TimeUnit.SECONDS)).isTrue();
    assertThat(patient.used()).isEqualTo(80);
    // Without room and without a wait, charge gives up at once.
    assertThat(budget.open().tryCharge(100)).isTrue();
    assertThat(budget.open().charge(1)).isFalse();
  }

  @Test
  void theCurrentAccountIsTheEnteredOneAndOutsideAnyItIsUnlimited() {
    assertThat(MemoryBudget.hasCurrent()).isFalse();
    assertThat(MemoryBudget.current().tryCharge(Long.MAX_VALUE / 2)).isTrue();

    MemoryBudget.Account account = budget.open();
    MemoryBudget.Scope scope = account.enter();
    try {
      assertThat(MemoryBudget.hasCurrent()).isTrue();
      assertThat(MemoryBudget.current().tryCharge(10)).isTrue();
      assertThat(account.held()).isEqualTo(10);
    } finally {
      scope.close();
    }
    assertThat(MemoryBudget.hasCurrent()).isFalse();
  }

  @Test
  void anAnswerCostsWhatMappingAndWritingItTakes() {
    int maxText = 1_000;

    assertThat(MemoryBudget.answerCost(500, "image/png", maxText)).isEqualTo(500L * MemoryBudget.BINARY_FACTOR);
    assertThat(MemoryBudget.answerCost(500, "application/json; charset=utf-8", maxText))
        .isEqualTo(500 + 500L * MemoryBudget.TEXT_FACTOR);
    // Text beyond the limit is cut: only the kept part is mapped.
    assertThat(MemoryBudget.answerCost(5_000, "text/plain", maxText)).isEqualTo(5_000 + 1_000L * MemoryBudget.TEXT_FACTOR);
    assertThat(MemoryBudget.answerCost(0, "image/png", maxText)).isZero();
    assertThat(MemoryBudget.largestAnswerCost(5_000, maxText)).isEqualTo(5_000L * MemoryBudget.BINARY_FACTOR);
    assertThat(MemoryBudget.describe(256L * 1024 * 1024)).isEqualTo("256 MB");
    assertThat(MemoryBudget.describe(1536L * 1024 * 1024)).isEqualTo("1.5 GB");
  }
}
