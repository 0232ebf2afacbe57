package org.mageos.distribution.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mageos.distribution.core.DistributionException;

class BranchPatternTest {

    @ParameterizedTest
    @CsvSource({
        "2.4-develop, 2.4-develop, true",
        "2.4-develop, 2.4-develop-x, false",
        "*-develop, 2.4-develop, true",
        "*-develop, 2.4.7-develop, true",
        "*-develop, develop, false",
        "*-develop, feature/2.4-develop, false",
        "feature/*, feature/a, true",
        "feature/*, feature/a/b, false",
        "2.4.*, 2.4.7, true",
        "2.4.*, 2.4x7, false",
        "*, main, true",
    })
    void matches(String pattern, String branch, boolean expected) {
        assertEquals(expected, BranchPattern.anyMatches(List.of(pattern), branch));
    }

    @ParameterizedTest
    @CsvSource({
        "2.4-develop, true",
        "*-develop, true",
        "feature/*, true",
        "refs/heads/main, false",
        "a..b, false",
        "a b, false",
        "'', false",
        "a:b, false",
    })
    void validity(String pattern, boolean expected) {
        assertEquals(expected, BranchPattern.isValid(pattern));
    }

    @Test
    void anInvalidBranchNamesTheSourceAndElement() {
        Source source = new Source("magento2", "https://git.example.org/magento2.git");
        source.setBranches(List.of("2.4-develop", "refs/heads/main"));
        DistributionException e = assertThrows(DistributionException.class, () -> DistributionConfig.validate(List.of(source)));
        assertEquals("<source> 'magento2': <branches><branch>refs/heads/main</branch> is not a branch name or pattern"
                + " (a name as git allows it, without refs/heads/, where * stands for any characters but /)", e.getMessage());
    }
}
